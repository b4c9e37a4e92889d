// Building DOM safely: text always goes through textContent, never through HTML strings, because
// bundle content is untrusted.

/**
 * Creates an element.
 * @param {string} tag
 * @param {{class?: string, text?: string, attrs?: Record<string,string>, on?: Record<string, Function>}} [options]
 * @param {(Node|string|null|undefined|false)[]} [children]
 */
export function el(tag, options = {}, children = []) {
  const node = document.createElement(tag);
  if (options.class) node.className = options.class;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    node.setAttribute(name, value);
  }
  for (const [event, handler] of Object.entries(options.on ?? {})) {
    node.addEventListener(event, handler);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

/** Removes every child of a node. */
export function clear(node) {
  node.replaceChildren();
}

/** A large button that runs `onPress` when tapped. */
export function button(text, onPress, className = "primary-button") {
  return el("button", { class: className, text, attrs: { type: "button" }, on: { click: onPress } });
}
