import { createContext, useContext, useEffect, useState } from 'react';

/**
 * The deck is a 16:9 stage fitted into the window; every size on it is a multiple of one unit, 1% of
 * the stage's height (CSS `--u` in big-screen.css). Charts draw in SVG, sized in pixels: they read the
 * unit in pixels from here.
 */
export const stageUnitPx = (width: number, height: number) => Math.min(height / 100, (width * 9) / 16 / 100);

export function useStageUnitPx(): number {
  const [unit, setUnit] = useState(() => stageUnitPx(window.innerWidth, window.innerHeight));
  useEffect(() => {
    const onResize = () => setUnit(stageUnitPx(window.innerWidth, window.innerHeight));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return unit;
}

export const StageUnit = createContext(10.8);
export const useStageUnit = () => useContext(StageUnit);
