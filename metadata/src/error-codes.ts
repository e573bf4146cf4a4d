// The one registry of Tessera's stable error codes. Groups: TSR1xx request, TSR2xx metadata,
// TSR3xx auth and tenants, TSR4xx record validation, TSR5xx rules/pipelines/approvals,
// TSR6xx packages, TSR9xx database and internal. A retired code is never reused: mark it
// retired in its title instead of deleting the line.

export const ERROR_CODES = {
  // TSR1xx: the request itself
  TSR100: { status: 400, title: 'Bad request' },
  TSR101: { status: 400, title: 'Body is not valid JSON' },
  TSR102: { status: 400, title: 'Invalid query parameter' },
  TSR103: { status: 400, title: 'Invalid filter' },
  TSR104: { status: 400, title: 'Invalid sort' },
  TSR105: { status: 400, title: 'Invalid cursor' },
  TSR106: { status: 400, title: 'Unknown field in projection or expand' },
  TSR107: { status: 404, title: 'Route not found' },
  TSR108: { status: 413, title: 'Request body too large' },
  TSR109: { status: 415, title: 'Unsupported media type' },
  TSR110: { status: 404, title: 'Object not found' },
  TSR111: { status: 404, title: 'Record not found' },
  TSR112: { status: 409, title: 'Version conflict' },
  TSR113: { status: 400, title: 'Invalid If-Match header' },
  TSR114: { status: 400, title: 'Invalid record id' },
  TSR115: { status: 400, title: 'Filter operand type mismatch' },
  TSR116: { status: 400, title: 'Unsupported filter operator' },
  TSR117: { status: 400, title: 'Filter too expensive' },
  TSR118: { status: 499, title: 'Client closed the request' },
  TSR119: { status: 400, title: 'Body is not valid UTF-8' },
  TSR120: { status: 400, title: 'Text holds a character that cannot be stored (NUL or a lone surrogate)' },
  TSR121: { status: 404, title: 'List view not found' },
  TSR122: { status: 400, title: 'Invalid list view' },
  TSR123: { status: 403, title: 'List view not yours to change' },
  // TSR14x: bulk writes, upsert and export (issue #20)
  TSR140: { status: 413, title: 'Too many records in one bulk request' },
  TSR141: { status: 422, title: 'Bulk write refused: some records failed' },
  TSR142: { status: 422, title: 'No record with that external id' },
  TSR143: { status: 400, title: 'Not an external id field' },
  TSR144: { status: 400, title: 'Invalid export request' },
  TSR145: { status: 422, title: 'The mass action chose no record' },
  // TSR15x: import of CSV and XLSX (issue #20)
  TSR150: { status: 400, title: 'Invalid import request' },
  TSR151: { status: 413, title: 'Import file too large' },
  TSR152: { status: 415, title: 'Unsupported import file type' },
  TSR153: { status: 403, title: 'Import into a field you may not edit' },
  TSR155: { status: 409, title: 'Import cannot be undone' },
  TSR156: { status: 404, title: 'Import not found' },
  // TSR16x: lookup paths in filters, sort and projections (issue #21)
  TSR160: { status: 400, title: 'Invalid lookup path' },
  TSR161: { status: 400, title: 'Unknown calendar' },
  // TSR17x: files of file and image fields (issue #21)
  TSR170: { status: 400, title: 'Invalid file upload' },
  TSR171: { status: 413, title: 'File too large' },
  TSR172: { status: 415, title: 'File type not accepted' },
  TSR173: { status: 415, title: 'File content does not match its type' },
  TSR174: { status: 422, title: 'File refused by the virus scan' },
  TSR175: { status: 404, title: 'File not found' },
  TSR176: { status: 400, title: 'File reference invalid' },
  TSR177: { status: 503, title: 'Virus scan unavailable' },
  TSR178: { status: 403, title: 'Upload to a field you may not edit' },
  TSR179: { status: 403, title: 'Link refused by the junction object' },

  // TSR2xx: metadata
  TSR200: { status: 422, title: 'Invalid metadata' },
  TSR201: { status: 422, title: 'Metadata does not match the metamodel schema' },
  TSR202: { status: 422, title: 'Duplicate api name' },
  TSR203: { status: 422, title: 'Reserved api name' },
  TSR204: { status: 422, title: 'Unknown lookup target' },
  TSR205: { status: 422, title: 'Invalid picklist default' },
  TSR206: { status: 422, title: 'Invalid default value' },
  TSR207: { status: 422, title: 'Invalid autonumber format' },
  TSR208: { status: 422, title: 'Unknown field in index' },
  TSR209: { status: 422, title: 'Change not supported' },
  TSR210: { status: 422, title: 'Inconsistent field limits' },
  TSR211: { status: 422, title: 'Unknown name field' },
  TSR212: { status: 422, title: 'Invalid lookup delete behaviour' },
  TSR213: { status: 409, title: 'Metadata changed concurrently' },
  TSR214: { status: 422, title: 'Duplicate picklist value' },
  TSR215: { status: 422, title: 'Duplicate index' },
  TSR216: { status: 422, title: 'Storage name collision' },
  TSR217: { status: 422, title: 'Existing data does not allow the change' },
  TSR218: { status: 409, title: 'Plan hash does not match the current plan' },
  TSR219: { status: 428, title: 'Plan hash required' },
  TSR220: { status: 422, title: 'Destructive change not confirmed' },
  TSR221: { status: 422, title: 'Invalid rename' },
  TSR222: { status: 422, title: 'Object is still referenced' },
  TSR223: { status: 404, title: 'Revision not found' },
  TSR224: { status: 422, title: 'Lookup target cannot change while records use it' },
  // TSR23x: record types and layouts (TSR225–229 left to metadata evolution, which owns TSR22x)
  TSR230: { status: 422, title: 'Invalid layout' },
  TSR231: { status: 422, title: 'Invalid record type' },
  TSR232: { status: 422, title: 'Invalid visibility rule' },
  TSR233: { status: 422, title: 'Picklist has no active value' },
  TSR234: { status: 422, title: 'Invalid external id field' },
  TSR235: { status: 422, title: 'Invalid dependent picklist' },
  TSR236: { status: 422, title: 'Invalid autonumber format by record type' },
  // Business calendars (metadata `calendars`, SLA helpers)
  TSR237: { status: 422, title: 'Invalid calendar' },
  TSR238: { status: 422, title: 'Calendar still in use' },
  TSR239: { status: 422, title: 'Stored roll-up cannot read a calendar' },
  TSR240: { status: 400, title: 'Invalid calendar preview' },
  TSR250: { status: 422, title: 'Invalid timeline time field' },
  // Many-to-many through an admin-modelled junction object (issue #21)
  TSR251: { status: 422, title: 'Unknown junction object' },
  TSR252: { status: 422, title: 'Invalid junction lookups' },
  TSR253: { status: 422, title: 'Junction object already in use' },
  TSR254: { status: 422, title: 'Junction object still in use' },
  TSR255: { status: 422, title: 'Junction change not supported' },

  // TSR3xx: authentication, tenants, permissions
  TSR300: { status: 401, title: 'Missing credentials' },
  TSR301: { status: 401, title: 'Invalid credentials' },
  TSR302: { status: 403, title: 'Forbidden' },
  TSR303: { status: 409, title: 'Tenant already exists' },
  TSR304: { status: 422, title: 'Invalid tenant slug' },
  TSR305: { status: 404, title: 'Tenant not found' },
  TSR306: { status: 429, title: 'Too many failed sign-ins' },
  TSR307: { status: 429, title: 'Rate limit exceeded' },
  TSR308: { status: 422, title: 'Invalid security setting' },
  TSR309: { status: 409, title: 'Security item already exists' },
  TSR310: { status: 404, title: 'Security item not found' },
  TSR311: { status: 409, title: 'Security item is still in use' },
  TSR312: { status: 403, title: 'Not allowed to submit for approval' },
  TSR313: { status: 429, title: 'Too many failed validations' },
  TSR314: { status: 412, title: 'Security item changed since it was read' },
  TSR315: { status: 422, title: 'Password too weak' },
  TSR316: { status: 409, title: 'Token limit reached' },
  TSR317: { status: 415, title: 'Session writes need a JSON body' },
  TSR318: { status: 422, title: 'Webhook target not allowed' },
  TSR319: { status: 404, title: 'Tenant token not found' },
  TSR320: { status: 200, title: 'Validation rule can reveal a hidden field (plan warning)' },

  // TSR4xx: record validation
  TSR400: { status: 400, title: 'Record is invalid' },
  TSR401: { status: 400, title: 'Wrong value type' },
  TSR402: { status: 400, title: 'Required field is missing' },
  TSR403: { status: 400, title: 'Text length out of range' },
  TSR404: { status: 400, title: 'Number out of range' },
  TSR405: { status: 400, title: 'Not a picklist value' },
  TSR406: { status: 400, title: 'Inactive picklist value' },
  TSR407: { status: 400, title: 'Invalid format' },
  TSR408: { status: 400, title: 'Unknown field' },
  TSR409: { status: 400, title: 'Read-only field' },
  TSR410: { status: 409, title: 'Value is not unique' },
  TSR411: { status: 400, title: 'Referenced record does not exist' },
  TSR412: { status: 409, title: 'Record is still referenced' },
  TSR413: { status: 400, title: 'Too many digits' },
  TSR414: { status: 400, title: 'Unknown or inactive record type' },
  TSR415: { status: 400, title: 'Value not allowed by the controlling field' },
  TSR416: { status: 400, title: 'Too many links' },
  // TSR421–TSR424: import runs and uploads (issue #20)
  TSR421: { status: 409, title: 'Import cannot be run again' },
  TSR422: { status: 400, title: 'Invalid multipart import upload' },
  TSR425: { status: 422, title: 'Unknown or inactive user' },
  TSR426: { status: 422, title: 'User reference matches no user or several' },

  // TSR5xx: rules (validation rules, defaults, formulas, roll-ups, duplicate rules); 500–529 reserved for them
  TSR500: { status: 422, title: 'Validation rule failed' },
  TSR501: { status: 422, title: 'Invalid rule' },
  TSR502: { status: 422, title: 'Unknown field or variable in rule' },
  TSR503: { status: 422, title: 'Rule result has the wrong type' },
  TSR504: { status: 422, title: 'Formula fields depend on each other in a cycle' },
  TSR505: { status: 422, title: 'Invalid roll-up field' },
  TSR506: { status: 422, title: 'Invalid duplicate rule' },
  TSR507: { status: 422, title: 'Duplicate rule api name' },
  TSR508: { status: 422, title: 'Invalid default expression' },
  TSR510: { status: 409, title: 'Duplicate record' },
  TSR511: { status: 409, title: 'Possible duplicate record; confirm to save' },

  // TSR53x: pipelines (stage moves, stage rules, board and funnel)
  TSR530: { status: 422, title: 'Stage move refused' },
  TSR531: { status: 422, title: 'Field required to enter the stage' },
  TSR532: { status: 422, title: 'Stage entry criteria not met' },
  TSR533: { status: 422, title: 'Stage transition not allowed' },
  TSR534: { status: 422, title: 'Reason required to enter the stage' },
  TSR535: { status: 409, title: 'Stage move requires approval' },
  TSR536: { status: 422, title: 'Invalid pipeline' },
  TSR537: { status: 422, title: 'Not a stage of the pipeline' },
  TSR538: { status: 404, title: 'Pipeline not found' },
  TSR539: { status: 404, title: 'Reminder not found' },

  // TSR55x–56x: approvals (flows, requests, decisions, notifications, webhooks)
  TSR550: { status: 422, title: 'Invalid approval flow' },
  TSR551: { status: 404, title: 'Approval flow not found' },
  TSR552: { status: 404, title: 'Approval request not found' },
  TSR553: { status: 422, title: 'Record does not meet the approval flow entry criteria' },
  TSR554: { status: 409, title: 'Record already has a pending approval request' },
  TSR555: { status: 409, title: 'Approval request is no longer pending' },
  TSR556: { status: 403, title: 'Not an approver of the current step' },
  TSR557: { status: 403, title: 'Recall not allowed' },
  TSR558: { status: 422, title: 'No approver for an approval step' },
  TSR559: { status: 409, title: 'Record is locked by a pending approval' },
  TSR560: { status: 422, title: 'Invalid approval action' },
  TSR561: { status: 404, title: 'Notification not found' },
  TSR562: { status: 404, title: 'Webhook subscription not found' },
  TSR563: { status: 403, title: 'Field not editable in this approval step' },
  TSR520: { status: 422, title: 'Roll-up summarises a formula that reads the clock or the user' },
  TSR521: { status: 422, title: 'Roll-up chain loops or is too deep' },

  // TSR6xx: packages
  TSR600: { status: 422, title: 'Invalid package' },
  TSR601: { status: 422, title: 'Package dependency missing' },
  TSR602: { status: 409, title: 'Package dependency version conflict' },
  TSR603: { status: 422, title: 'Package dependency cycle' },
  TSR604: { status: 409, title: 'Package downgrade refused' },
  TSR605: { status: 409, title: 'Package upgrade conflicts with tenant changes' },
  TSR606: { status: 409, title: 'Metadata owned by a package' },
  TSR607: { status: 409, title: 'Package name collides with metadata owned by someone else' },
  TSR608: { status: 404, title: 'Package not found' },
  TSR609: { status: 409, title: 'Package already installed' },
  TSR610: { status: 409, title: 'Package is depended on' },
  TSR611: { status: 409, title: 'Package objects hold data' },
  TSR612: { status: 422, title: 'Package needs another platform version' },
  TSR613: { status: 422, title: "Package extends another package's object" },
  TSR614: { status: 400, title: 'Invalid package source' },
  TSR615: { status: 422, title: 'Invalid package sample data' },
  TSR616: { status: 409, title: 'Package version already installed' },
  TSR617: { status: 404, title: 'Package operation not found' },

  // TSR9xx: database and internal
  TSR900: { status: 500, title: 'Internal error' },
  TSR901: { status: 503, title: 'Database unavailable' },
  TSR902: { status: 409, title: 'Concurrent update, retry' },
  TSR903: { status: 503, title: 'Statement timeout' },
  TSR904: { status: 503, title: "Tenant's connection share busy" },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One offending place: a JSON pointer into the input (or a query parameter name), a code, a message. */
export interface ProblemDetail {
  path: string;
  code: ErrorCode;
  message: string;
  /** The values that may be written (or compared) at path, when a value was not one of them: clients and the zh message list them. */
  allowed?: string[];
}

/** Pure stages return every error at once instead of throwing. */
export type Result<T> = { ok: true; value: T } | { ok: false; errors: ProblemDetail[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(errors: ProblemDetail[]): Result<T> => ({ ok: false, errors });
export const problem = (path: string, code: ErrorCode, message: string): ProblemDetail => ({
  path,
  code,
  message,
});
