import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { createPeerGroup, renamePeerGroup } from '../../api/admin-data.ts';
import { departmentKeys } from '../../api/departments.ts';
import { figureKeys, referenceOptions } from '../../api/figures.ts';
import { QueryState } from '../../components/query-state.tsx';
import { SuccessLine } from '../../components/success-line.tsx';
import { useT } from '../../i18n/use-t.ts';
import { CodeAndNamesDialog } from './record-form-parts.tsx';

type PeerGroup = { code: string; nameZh: string; nameEn: string };

/** The peer groups departments are ranked within: added and renamed here, never deleted. */
export function PeerGroupsPart() {
  const t = useT();
  const reference = useQuery(referenceOptions());
  const [editing, setEditing] = useState<PeerGroup | 'new' | null>(null);
  // Said here, where the eye is: the departments' own message is a screen further up.
  const [message, setMessage] = useState<string | null>(null);
  return (
    <section className="admin-subsection" aria-labelledby="peer-groups-title">
      <header className="section-head">
        <h3 id="peer-groups-title">{t('adminData.peerGroups')}</h3>
        <button type="button" className="small-button" onClick={() => setEditing('new')}>
          {t('adminData.addPeerGroup')}
        </button>
      </header>
      <p className="muted">{t('adminData.peerGroupsHint')}</p>
      <SuccessLine testId="peer-groups-message" message={message} />
      <QueryState query={reference}>
        {({ peerGroups }) => (
          <table
            className="data-table admin-table"
            data-testid="peer-groups-table"
            aria-labelledby="peer-groups-title"
          >
            <thead>
              <tr>
                <th scope="col">{t('adminData.code')}</th>
                <th scope="col">{t('adminData.nameZh')}</th>
                <th scope="col">{t('adminData.nameEn')}</th>
                <th scope="col">{t('users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {peerGroups.map((g) => (
                <tr key={g.code} data-code={g.code}>
                  <td className="code">{g.code}</td>
                  <td className="wrap">{g.nameZh}</td>
                  <td className="wrap">{g.nameEn}</td>
                  <td className="actions">
                    <button type="button" className="small-button" onClick={() => setEditing(g)}>
                      {t('users.edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
      {editing && (
        <PeerGroupDialog
          group={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(name) => {
            setEditing(null);
            setMessage(t('adminData.saved', { name }));
          }}
        />
      )}
    </section>
  );
}

function PeerGroupDialog({
  group,
  onClose,
  onSaved,
}: {
  group: PeerGroup | null;
  onClose: () => void;
  onSaved: (name: string) => void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const save = async ({ code, nameZh, nameEn }: PeerGroup) => {
    const { peerGroup } = group
      ? await renamePeerGroup(group.code, { nameZh, nameEn })
      : await createPeerGroup({ code, nameZh, nameEn });
    // The reference lists, the departments' table and the rankings all name the group.
    void queryClient.invalidateQueries({ queryKey: figureKeys.reference() });
    void queryClient.invalidateQueries({ queryKey: departmentKeys.all });
    void queryClient.invalidateQueries({ queryKey: figureKeys.all });
    return peerGroup;
  };
  return (
    <CodeAndNamesDialog
      title={group ? t('adminData.editPeerGroup', { code: group.code }) : t('adminData.addPeerGroup')}
      testId="peer-group-dialog"
      names={group}
      maxZh={60}
      maxEn={120}
      save={save}
      onClose={onClose}
      onSaved={onSaved}
    />
  );
}
