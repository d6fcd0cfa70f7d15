// The one measurement Blazor cannot make on the server: where a chart is and how wide it is on screen.
export function bounds(element) {
  if (!element) {
    return { left: 0, top: 0, width: 0, height: 0 };
  }
  const r = element.getBoundingClientRect();
  return { left: r.left, top: r.top, width: r.width, height: r.height };
}
