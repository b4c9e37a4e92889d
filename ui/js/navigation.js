// Which screen is showing, and the way back. Screens are registered by name; each renders into a
// fresh container that replaces the old one only if no newer navigation happened meanwhile.

const stack = [];
const screens = new Map();
let generation = 0;
let viewNode = null;
let onShow = () => {};

/** Sets where screens render, and a hook run after each screen is shown. */
export function init(node, afterShow) {
  viewNode = node;
  onShow = afterShow ?? onShow;
}

/** Registers a screen: `render(container, params)` builds it (may be async). */
export function register(name, render) {
  screens.set(name, render);
}

/** Opens a screen on top of the current one. */
export function go(name, params = {}) {
  stack.push({ name, params });
  return show();
}

/** Returns to the previous screen (or stays on Home). */
export function back() {
  if (stack.length > 1) stack.pop();
  return show();
}

/** Returns to Home, forgetting the way there. */
export function home(params = {}) {
  stack.length = 0;
  stack.push({ name: "home", params });
  return show();
}

/** The screen showing now. */
export function current() {
  return stack[stack.length - 1];
}

/** Whether there is a screen to go back to. */
export function canGoBack() {
  return stack.length > 1;
}

/** Draws the current screen again, e.g. after the language changed. */
export function refresh() {
  return show();
}

async function show() {
  const entry = current();
  const render = screens.get(entry.name);
  const mine = ++generation;
  const container = document.createElement("div");
  container.className = `screen screen-${entry.name}`;
  container.dataset.screen = entry.name;
  await render(container, entry.params);
  if (mine !== generation) return;
  viewNode.replaceChildren(container);
  window.scrollTo(0, 0);
  onShow(entry);
}
