import { useT } from '../i18n/use-t.ts';

const ICONS = { red: '●', yellow: '▲', green: '■' } as const;

/** A warning light told apart by shape and word as well as by colour. */
export function LightBadge({ light }: { light: 'red' | 'yellow' | 'green' }) {
  const t = useT();
  return (
    <span className={`light light-${light}`}>
      <span aria-hidden="true" className="light-icon">
        {ICONS[light]}
      </span>
      {t(`light.${light}`)}
    </span>
  );
}
