// Asks for what Home needs (`startup`) as soon as the page starts, while the other modules are
// still loading: index.html loads this module on its own (async), and main.js awaits its answer.
// The answer is used once; the request after a later reset goes through api.js as usual.
import { startup } from "./api.js";

let answer = startup();
// main.js reports a failure when it awaits the answer; until then it is not unhandled.
answer.catch(() => {});

/** The answer to the request sent at start, the first time; a new request after that. */
export function firstStartup() {
  const first = answer ?? startup();
  answer = null;
  return first;
}
