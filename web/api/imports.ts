/**
 * Importing a ledger file (admin): read its header and columns, a dry run (row-by-row report, nothing
 * written), the all-or-nothing commit, and saved column mappings. The file goes up as multipart form
 * data through the typed client (so the CSRF header and the language go with it).
 */
import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from './client.ts';

const imports = api.api.imports;

export type Inspection = InferResponseType<typeof imports.inspect.$post, 200>;
export type ImportColumn = Inspection['columns'][number];
export type DryRun = InferResponseType<(typeof imports)['dry-run']['$post'], 200>;
export type ImportReport = DryRun['report'];
export type ImportRow = ImportReport['rows'][number];
export type ImportSummary = ImportReport['summary'];
export type CommitResult = InferResponseType<typeof imports.$post, 200 | 201>;
export type SavedMapping = InferResponseType<typeof imports.mappings.$get, 200>['mappings'][number];
export type ImportField = NonNullable<ImportColumn['field']>;
/** Header → field, or null to leave the column out. */
export type ColumnMapping = Record<string, ImportField | null>;

export interface ImportRequest {
  file: File;
  campaign?: string;
  source?: string;
  sheet?: string;
  mapping?: ColumnMapping;
}

function formOf(r: ImportRequest): FormData {
  const form = new FormData();
  form.set('file', r.file);
  if (r.campaign) form.set('campaign', r.campaign);
  if (r.source) form.set('source', r.source);
  if (r.sheet) form.set('sheet', r.sheet);
  if (r.mapping && Object.keys(r.mapping).length > 0) form.set('mapping', JSON.stringify(r.mapping));
  return form;
}

export const inspectImport = (r: ImportRequest) =>
  unwrap(imports.inspect.$post({}, { init: { body: formOf(r) } }));

export const dryRunImport = (r: ImportRequest) =>
  unwrap(imports['dry-run'].$post({}, { init: { body: formOf(r) } }));

/** Commits; a file with rejected rows is an ApiRequestError 'import_rejected' whose details carry the report. */
export const commitImport = (r: ImportRequest) =>
  unwrap<CommitResult>(imports.$post({}, { init: { body: formOf(r) } }));

export const importKeys = {
  all: ['imports'] as const,
  mappings: () => [...importKeys.all, 'mappings'] as const,
};

export const savedMappingsOptions = () =>
  queryOptions({ queryKey: importKeys.mappings(), queryFn: () => unwrap(imports.mappings.$get()) });

export const saveMapping = (name: string, mapping: ColumnMapping) =>
  unwrap(imports.mappings.$post({ json: { name, mapping } }));
