import { useEffect, useRef } from 'react';

/**
 * Hosts one Observable Plot figure. `render` builds the SVG (Plot escapes every text it draws); the figure
 * is replaced whenever `deps` change. `summary` is read by screen readers instead of the drawing.
 */
export function PlotChart({
  render,
  summary,
  deps,
}: {
  render: (width: number) => Element;
  summary: string;
  deps: readonly unknown[];
}) {
  const host = useRef<HTMLDivElement>(null);
  const renderRef = useRef(render);
  renderRef.current = render;
  useEffect(() => {
    const node = host.current;
    if (!node) return;
    let drawnWidth = -1;
    const draw = () => {
      // Only a change of width needs a new drawing; redrawing on height changes (which the drawing itself
      // causes) would loop.
      const width = Math.max(280, Math.floor(node.clientWidth));
      if (width === drawnWidth) return;
      drawnWidth = width;
      const figure = renderRef.current(width);
      figure.setAttribute('aria-hidden', 'true');
      node.replaceChildren(figure);
    };
    draw();
    const observer = new ResizeObserver(() => draw());
    observer.observe(node);
    return () => observer.disconnect();
  }, deps);
  return (
    <figure className="chart">
      <div ref={host} className="chart-host" />
      <figcaption className="visually-hidden">{summary}</figcaption>
    </figure>
  );
}
