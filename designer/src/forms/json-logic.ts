// The browser's json-logic-js, with Tessera's operators registered exactly as the server does,
// so visibility and validation rules mean the same thing on both sides.
import { formRecord, hiddenFields, registerTesseraOperators } from '@tessera/metadata';
import jsonLogic from 'json-logic-js';

registerTesseraOperators(jsonLogic);

// The form's rule evaluation as the page runs it, reachable from the console (to debug a rule)
// and from the browser suite that proves the browser, the server and SQL agree.
(globalThis as { tesseraForms?: unknown }).tesseraForms = { jsonLogic, formRecord, hiddenFields };

export { jsonLogic };
