// Where the tour's card goes: beside the part it explains, never over it. Below or above when there is
// room, else to the right or left; the page scrolls first so the part and the card both fit.

export interface Placement {
  top: number;
  left: number;
}

const GAP = 12;

/** Inside the sticky top bar or the fixed bottom bar: scrolling does not move it. */
function pinned(el: HTMLElement): boolean {
  for (let n: HTMLElement | null = el; n; n = n.parentElement) {
    const position = getComputedStyle(n).position;
    if (position === "fixed" || position === "sticky") return true;
  }
  return false;
}

function visibleHeight(selector: string, unless: HTMLElement): number {
  const el = document.querySelector<HTMLElement>(selector);
  if (!el || el.contains(unless) || el.offsetParent === null) return 0;
  return el.getBoundingClientRect().height;
}

export function placeBeside(target: HTMLElement, card: HTMLElement): Placement {
  const vw = document.documentElement.clientWidth;
  const vh = window.innerHeight;
  // The top bar and the bottom bar cover the page: the card and the part must both sit between them.
  const topInset = visibleHeight(".topbar", target);
  const bottomInset =
    getComputedStyle(document.querySelector(".bottombar") ?? document.body).position === "fixed" ? visibleHeight(".bottombar", target) : 0;
  const cardW = card.offsetWidth;
  const cardH = card.offsetHeight;

  if (!pinned(target)) {
    const r = target.getBoundingClientRect();
    const room = vh - topInset - bottomInset;
    // Room for both, stacked: the part at the top, the card below it; else the part in the middle.
    const offset = r.height + cardH + 3 * GAP <= room ? r.top - topInset - GAP : r.top + r.height / 2 - (topInset + room / 2);
    window.scrollBy({ top: offset, behavior: "instant" });
  }

  const r = target.getBoundingClientRect();
  const minTop = r.top >= topInset ? topInset + GAP : GAP;
  const maxBottom = vh - (r.bottom <= vh - bottomInset ? bottomInset : 0) - GAP;
  const centredLeft = Math.min(Math.max(r.left + r.width / 2 - cardW / 2, GAP), vw - cardW - GAP);
  const clampTop = (top: number) => Math.min(Math.max(top, minTop), maxBottom - cardH);

  const below = r.bottom + GAP;
  if (below + cardH <= maxBottom) return { top: below, left: centredLeft };
  const above = r.top - GAP - cardH;
  if (above >= minTop) return { top: above, left: centredLeft };
  if (r.right + GAP + cardW <= vw - GAP) return { top: clampTop(r.top), left: r.right + GAP };
  if (r.left - GAP - cardW >= GAP) return { top: clampTop(r.top), left: r.left - GAP - cardW };
  // No side has room (a part taller than the screen): the side with most room, covering as little as can be.
  return maxBottom - r.bottom >= r.top - minTop ? { top: maxBottom - cardH, left: centredLeft } : { top: minTop, left: centredLeft };
}
