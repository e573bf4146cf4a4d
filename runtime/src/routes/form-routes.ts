// /forms/:object: JSON Schema + uiSchema of the record form as the caller may use it. Built from
// the caller's view of the object, so hidden fields are absent; fields they may read but not
// write are present and read-only. The schema is the same builder the server validates with.
// Query: mode=create|edit, recordType (default: the object's default), layout (overrides the
// record type's), lang=en|zh (default: Accept-Language, else en).
import type { FormLanguage, FormMode } from '@tessera/metadata';
import { Hono } from 'hono';
import { compiledForm } from '../forms/compiled-form.ts';
import { ApiError, errorsToApiError } from '../core/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import type { RouteDeps } from './route-deps.ts';

export function formRoutes(_deps: RouteDeps) {
  const routes = new Hono<AppEnv>();

  routes.get('/:object', (c) => {
    const name = c.req.param('object');
    const object = c.get('catalog').objects.get(name);
    if (!object) throw new ApiError('TSR110', `Object '${name}' does not exist.`);
    const query = parseFormQuery(c.req.query(), c.req.header('accept-language'));
    // Layout, record type, language and the caller's field permissions shape the form
    // (runtime/src/forms/compiled-form.ts); built once per revision and permission view.
    const form = compiledForm(object, query);
    if (!form.ok) throw errorsToApiError('TSR102', `No such form for ${object.apiName}.`, form.errors);
    return c.json(form.value);
  });

  return routes;
}

function parseFormQuery(
  query: Record<string, string>,
  acceptLanguage: string | undefined,
): { mode: FormMode; language: FormLanguage; recordType?: string; layout?: string } {
  const mode = query.mode ?? 'create';
  if (mode !== 'create' && mode !== 'edit')
    throw new ApiError('TSR102', 'mode must be create or edit.', [{ path: 'mode', code: 'TSR102', message: 'mode must be create or edit' }]);
  const lang = query.lang ?? (acceptLanguage?.trim().toLowerCase().startsWith('zh') ? 'zh' : 'en');
  if (lang !== 'en' && lang !== 'zh')
    throw new ApiError('TSR102', 'lang must be en or zh.', [{ path: 'lang', code: 'TSR102', message: 'lang must be en or zh' }]);
  return {
    mode,
    language: lang,
    ...(query.recordType ? { recordType: query.recordType } : {}),
    ...(query.layout ? { layout: query.layout } : {}),
  };
}
