// The generated form's validator: @rjsf/validator-ajv8 on an ajv instance set up exactly like the
// server's (createAjv in @tessera/metadata): draft 2020-12, the same options, formats and decimal
// `multipleOf`. RJSF's stock validator divides in binary (1234567.89 is "not a multiple of 0.01")
// and adds every ajv-formats format, so the form would refuse values the API stores.
import { customizeValidator } from '@rjsf/validator-ajv8';
import { AJV_OPTIONS, Ajv2020, addTesseraKeywords } from '@tessera/metadata';

export const formValidator = customizeValidator({
  // rjsf types AjvClass as the draft-07 class; Ajv2020 has the same constructor and API.
  AjvClass: Ajv2020 as unknown as NonNullable<Parameters<typeof customizeValidator>[0]>['AjvClass'],
  ajvOptionsOverrides: AJV_OPTIONS,
  // Only the server's formats: addTesseraKeywords adds them.
  ajvFormatOptions: false,
  extenderFn: (ajv) => addTesseraKeywords(ajv as never),
});
