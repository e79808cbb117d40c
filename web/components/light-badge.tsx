import { useT } from '../i18n/use-t.ts';

const ICONS = { red: '●', yellow: '▲', green: '■' } as const;

/**
 * A warning light told apart by shape and word as well as by colour; `iconOnly` where the text beside it
 * names the light already (the red list's heading).
 */
export function LightBadge({
  light,
  iconOnly = false,
}: {
  light: 'red' | 'yellow' | 'green';
  iconOnly?: boolean;
}) {
  const t = useT();
  return (
    <span className={`light light-${light}`}>
      <span aria-hidden="true" className="light-icon">
        {ICONS[light]}
      </span>
      {!iconOnly && t(`light.${light}`)}
    </span>
  );
}
