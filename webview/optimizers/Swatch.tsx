import { MARKER_GLYPH, type Look } from './palette';

/** A racer's line sample and marker, as the surface draws them: colour, dash and shape. */
export function Swatch({ look }: { readonly look: Look | undefined }) {
  if (!look) return null;
  return (
    <span class="swatch-group" style={{ color: look.color }} aria-hidden="true">
      <span class={`swatch${look.dash.length ? ' dashed' : ''}`} />
      <span class="marker-glyph">{MARKER_GLYPH[look.marker]}</span>
    </span>
  );
}
