/** What an audit view can filter by: every entity the app records changes of. */
export const AUDIT_ENTITIES = [
  'user',
  'login_user',
  'login_client',
  'display_link',
  'department',
  'peer_group',
  'campaign',
  'domain',
  'appraisal',
  'scoring_profile',
  'published_ranking',
  'import_mapping',
  'organisation',
] as const;
