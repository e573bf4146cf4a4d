// Semver checks for package versions and dependency ranges, through the `semver` package (the one
// npm itself uses), so `^1.2.0` means here exactly what it means in package.json.
import semver from 'semver';

export const isVersion = (text: string): boolean => semver.valid(text) !== null && semver.clean(text) === text;
export const isRange = (text: string): boolean => semver.validRange(text) !== null;
/** Pre-releases count when the range names one; otherwise `1.0.0-beta` does not satisfy `^1.0.0` (npm's rule). */
export const satisfies = (version: string, range: string): boolean => semver.satisfies(version, range);
export const compareVersions = (a: string, b: string): number => semver.compare(a, b);
