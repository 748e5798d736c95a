import {test} from "node:test";
import assert from "node:assert/strict";
import {mapNews, stepNews} from "../../assets/modules/news.mjs";
import {metricStates} from "../../assets/modules/patch.mjs";
import {config} from "./config.mjs";

const states = metricStates(config, config.defaults.source, config.defaults.time);
const [metric] = Object.keys(config.metrics);
const country = config.maghreb.find((code) => states[metric].headlines[code].includes("Source:"));
const [feature] = Object.keys(config.placeNews);

test("a country's news is its figure, qualifier, date and source", () => {
  const news = mapNews(["country"], states, {metric, country, feature: null}, config.placeNews);
  assert.equal(news, states[metric].headlines[country]);
  assert.match(news, /Date: .*\. Source: .+\./);
});

test("a metric's news names it and whose figures it shows, and the selected country's figure", () => {
  const alone = mapNews(["metric"], states, {metric, country: null, feature: null}, config.placeNews);
  assert.equal(alone, `${states[metric].title}. ${states[metric].subtitle}`);
  const withCountry = mapNews(["metric"], states, {metric, country, feature: null}, config.placeNews);
  assert.ok(withCountry.endsWith(states[metric].headlines[country]));
});

test("a source's news is the subtitle that names it; a place's is its own", () => {
  const other = config.sources[1];
  const under = metricStates(config, other, config.defaults.time);
  assert.equal(mapNews(["source"], under, {metric, country: null, feature: null}, config.placeNews), under[metric].subtitle);
  const later = metricStates(config, other, "latest");
  assert.equal(mapNews(["time"], later, {metric, country: null, feature: null}, config.placeNews), later[metric].subtitle);
  assert.notEqual(later[metric].subtitle, under[metric].subtitle, "the time is named");
  assert.equal(mapNews(["feature", "country"], states, {metric, country: null, feature}, config.placeNews), config.placeNews[feature]);
  assert.match(config.placeNews[feature], /Source: /);
});

test("nothing news-worthy (the view, the layers) says nothing", () => {
  assert.equal(mapNews(["view"], states, {metric, country, feature: null}, config.placeNews), null);
});

test("a step's news: the counter, title, text and whose figures", () => {
  const news = stepNews(1, config.story);
  const step = config.story[1];
  assert.ok(news.startsWith(`Step 2 of ${config.story.length}: ${step.title}. ${step.text}`));
  assert.ok(news.endsWith(step.credit) && step.credit.startsWith("Figures: "));
});
