// The package format in memory: the manifest (tessera.json) and the bundle every package
// operation takes, whatever it was read from (a folder, an npm pack tarball, a browser upload).
import type { CalendarDef } from '../calendars/calendar-types.ts';
import type { NormalisedObject } from '../normalised-types.ts';
import type { Labels, ObjectDef } from '../types.ts';

/** `^[a-z][a-z0-9]{1,15}$`: unique per tenant; every object the package defines is owned by it. */
export const NAMESPACE_PATTERN = '^[a-z][a-z0-9]{1,15}$';

export interface PackageContents {
  /** Globs relative to the package folder (`objects/*.json`); every file is JSON. */
  objects?: string[];
  security?: string[];
  sampleData?: string[];
  /** Business calendars, one per file (`calendars/*.json`). */
  calendars?: string[];
}

export interface PackageManifest {
  $schema?: string;
  namespace: string;
  /** The npm-style package name without scope, e.g. `crm-core`. */
  name: string;
  /** Semver version of this release. */
  version: string;
  labels: Labels;
  description?: Labels;
  /** A semver range of Tessera platform versions the package runs on, e.g. `>=0.1.0`. */
  platform?: string;
  /** Namespace → semver range of the installed package it needs. */
  dependencies?: Record<string, string>;
  contents: PackageContents;
}

/** Roles and permission sets in the shapes the security API takes (runtime/src/routes/security-*.ts). */
export interface PackageSecurity {
  roles: Record<string, unknown>[];
  permissionSets: Record<string, unknown>[];
  /** Org-wide defaults per object: `{ "account": { "defaultAccess": "read", "managerAccess": "edit" } }`. */
  objectAccess?: Record<string, unknown>;
}

/** Sample records of one object; `$ref` names a record so others can point at it (`{"$ref": "acme"}`). */
export interface SampleDataSet {
  object: string;
  records: Record<string, unknown>[];
}

export interface PackageBundle {
  manifest: PackageManifest;
  objects: ObjectDef[];
  security: PackageSecurity;
  sampleData: SampleDataSet[];
  /** Calendars the package's formulas may name; install and upgrade write them by api name. */
  calendars?: CalendarDef[];
  /** Where each part came from (file names), so problems can name the file; optional. */
  sources?: { objects?: string[]; security?: string[]; sampleData?: string[]; calendars?: string[] };
}

/** What `_packages` holds for one installed package. */
export interface InstalledPackage {
  namespace: string;
  name: string;
  version: string;
  manifest: PackageManifest;
  /** The installed version's normalised objects: the merge base of the next upgrade. */
  base: NormalisedObject[];
  /** Paths of package components that a later version removed while they held data (kept, hidden). */
  deprecated: string[];
}
