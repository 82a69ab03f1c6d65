// What a page looks like to assistive technology and to a screenshot: every control's accessible name from Chromium's
// own accessibility tree, and a wait for transitions (a modal opening) before a screenshot.
import type { Locator, Page } from 'playwright-core';

const CONTROL_ROLES = new Set([
  'button',
  'textbox',
  'searchbox',
  'checkbox',
  'switch',
  'radio',
  'combobox',
  'listbox',
  'slider',
  'spinbutton',
  'link',
  'menuitem',
  'tab',
]);

/** Waits for the element's transitions to end, so a screenshot shows it as the user does. */
export const settle = (locator: Locator): Promise<void> =>
  locator.evaluate((el) => {
    // Typed here because test/support is also type-checked without the DOM library.
    type Animated = { getAnimations(options: { subtree: boolean }): Array<{ finished: Promise<unknown> }> };
    return Promise.allSettled((el as unknown as Animated).getAnimations({ subtree: true }).map((a) => a.finished)).then(
      () => {},
    );
  });

/** Every control on the page without an accessible name, from Chromium's own accessibility tree. */
export async function unnamedControls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: Array<{
        ignored: boolean;
        role?: { value: string };
        name?: { value: string };
        backendDOMNodeId?: number;
      }>;
    };
    const found: string[] = [];
    for (const node of nodes) {
      const role = node.role?.value ?? '';
      if (node.ignored || !CONTROL_ROLES.has(role) || (node.name?.value ?? '').trim()) continue;
      let html = '';
      if (node.backendDOMNodeId !== undefined) {
        const { node: dom } = (await cdp.send('DOM.describeNode', { backendNodeId: node.backendDOMNodeId })) as {
          node: { localName: string; attributes?: string[] };
        };
        html = `<${dom.localName} ${(dom.attributes ?? []).join(' ')}>`;
      }
      found.push(`${role} ${html}`);
    }
    return found;
  } finally {
    await cdp.detach();
  }
}
