// The look of a camera's stream state, shared by the dashboard tiles and the embed overlay.

const STATES = {
  IDLE: { label: 'Idle', css: 'text-bg-secondary' },
  STARTING: { label: 'Starting', css: 'text-bg-primary' },
  LIVE: { label: 'Live', css: 'text-bg-success' },
  ERROR: { label: 'Error', css: 'text-bg-danger' },
  STALLED: { label: 'Stalled', css: 'text-bg-warning' },
  FALLBACK: { label: 'Fallback', css: 'text-bg-info' },
  OFFLINE: { label: 'Offline', css: 'text-bg-dark' },
  DISABLED: { label: 'Disabled', css: 'text-bg-light' },
};
const ALL_CSS = Object.values(STATES).map((s) => s.css);

const TYPES = { FIXED: 'Fixed', PTZ: 'PTZ' };

/** Sets a badge's text and colour for a state such as "LIVE"; unknown states show as grey text. */
export function showState(badge, state) {
  const known = STATES[state] || { label: state || 'Unknown', css: 'text-bg-secondary' };
  badge.classList.remove(...ALL_CSS);
  badge.classList.add(known.css);
  badge.textContent = known.label;
  badge.dataset.state = state || '';
}

/** The label for a camera type such as "PTZ". */
export function typeLabel(type) {
  return TYPES[type] || type || '';
}
