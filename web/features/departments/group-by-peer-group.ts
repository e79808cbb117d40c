export interface DepartmentCounts {
  code: string;
  peerGroup: string;
  peerGroupZh: string;
  peerGroupEn: string;
  items: number;
  open: number;
  overdue: number;
}

export interface PeerGroupBlock<D> {
  code: string;
  nameZh: string;
  nameEn: string;
  items: number;
  open: number;
  overdue: number;
  departments: D[];
}

/** Groups departments by peer group (keeping their order) with each group's totals. */
export function groupByPeerGroup<D extends DepartmentCounts>(departments: D[]): PeerGroupBlock<D>[] {
  const blocks = new Map<string, PeerGroupBlock<D>>();
  for (const d of departments) {
    let block = blocks.get(d.peerGroup);
    if (!block) {
      block = {
        code: d.peerGroup,
        nameZh: d.peerGroupZh,
        nameEn: d.peerGroupEn,
        items: 0,
        open: 0,
        overdue: 0,
        departments: [],
      };
      blocks.set(d.peerGroup, block);
    }
    block.items += d.items;
    block.open += d.open;
    block.overdue += d.overdue;
    block.departments.push(d);
  }
  return [...blocks.values()];
}
