/* What the page says about the data the server holds (dashboard/web/watch.py
 * STATUS_PATH, served with --watch): pure, so it is tested in node. */

/** The notice for a status {version, problems} against the data the page was built from, or null when the
 * page shows what the server holds. `words` are the page config's dataNotices. */
export function dataNotice(status, version, words) {
  const problems = Array.isArray(status?.problems) ? status.problems : [];
  const newer = typeof status?.version === "string" && status.version !== version;
  if (problems.length) return {text: words.problems + problems.join("; "), reload: newer};
  return newer ? {text: words.newer, reload: true} : null;
}
