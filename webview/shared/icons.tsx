/** Inline SVG icons for the playback and list buttons (no icon font, nothing fetched; CSP-clean). */
const paths = {
  play: 'M5 3.5v9l8-4.5z',
  pause: 'M4.5 3h2.5v10H4.5zM9 3h2.5v10H9z',
  next: 'M3.5 3.5v9l6.5-4.5zM11 3.5h2v9h-2z',
  previous: 'M12.5 3.5v9L6 8zM3 3.5h2v9H3z',
  reset: 'M3 3h2v10H3zM13.5 3.5v9L6.5 8z',
  copy: 'M5 2h7l2 2v8H5zM6 3v8h7V4.5L11.5 3zM2 5h2v1H3v7h6v-1h1v2H2z',
  duplicate: 'M3 3h7v1H4v6H3zM6 6h7v7H6zm1 1v5h5V7z',
  remove: 'M4.1 3.4 8 7.3l3.9-3.9.7.7L8.7 8l3.9 3.9-.7.7L8 8.7l-3.9 3.9-.7-.7L7.3 8 3.4 4.1z',
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg class="icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={paths[name]} fill="currentColor" fill-rule="evenodd" />
    </svg>
  );
}
