/* The talk, shared by the presenter's windows through localStorage (modules/talk.mjs has its rules). */
import {changeTalk, readTalk} from "../modules/talk.mjs";

/* The talk kept in storage, or null (none, stale, or storage refused by the browser). */
export function storedTalk(page) {
  const {contract, story} = page.config;
  try {
    return readTalk(localStorage.getItem(contract.talkStorageKey), Date.now(), contract.timings.talkExpiryMs, story.length);
  } catch {
    return null;
  }
}

/* Keep the talk, with `change` made, for the other window (told by the storage event) and for a reload.
 * The change is made to the talk as kept: the other window's latest change may not have reached this one yet. */
export function storeTalk(page, change) {
  if (change) page.talk = changeTalk(storedTalk(page) ?? page.talk, change, Date.now());
  try {
    localStorage.setItem(page.config.contract.talkStorageKey, JSON.stringify(page.talk));
  } catch {
    // Storage refused: this window presents on its own.
  }
}

export function endTalk(page) {
  page.talk = null;
  try {
    localStorage.removeItem(page.config.contract.talkStorageKey);
  } catch {
    // Storage refused: nothing was kept.
  }
}
