// crm-core's earlier releases for the upgrade suites, rebuilt from the shipped folder (derived rather
// than copied, so they follow the rest of the package): each change strips what a later release
// added, and a release is the shipped folder under its own version with the changes applied.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleSource } from './engine-support.ts';

export const CRM_CORE = fileURLToPath(new URL('../../packages/crm-core/', import.meta.url));
export const SHIPPED_VERSION = JSON.parse(readFileSync(`${CRM_CORE}tessera.json`, 'utf8')).version as string;
export const JUNCTION = 'opportunity_contact_role';

type Files = Record<string, any>;

/** 1.3.0 named the junction records (a formula of the contact's and the opportunity's names); before, lists showed their ids. */
export function withoutJunctionName(files: Files): void {
  const junction = files[`objects/${JUNCTION}.json`];
  if (!junction) return;
  delete junction.nameField;
  junction.fields = junction.fields.filter((field: { apiName: string }) => field.apiName !== 'name');
}

/** The release `version`: the shipped folder with `changes` applied, oldest-first or in any order. */
export function crmCoreRelease(version: string, ...changes: ((files: Files) => void)[]): ReturnType<typeof bundleSource> {
  return bundleSource(CRM_CORE, (files) => {
    files['tessera.json'].version = version;
    for (const change of changes) change(files);
  });
}
