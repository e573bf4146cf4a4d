// The custom widgets the generated forms name in their uiSchema ("lookup", "multilookup", "user", "richtext"): one map for
// the App's form and Setup's live preview, so the preview shows what users will get.
import { FileField } from './file-field.tsx';
import { GeolocationField } from './geolocation-field.tsx';
import { PolylookupField } from './polylookup-field.tsx';
import { LookupWidget } from './lookup-widget.tsx';
import { MultiLookupWidget } from './multi-lookup-widget.tsx';
import { RichTextWidget } from '../richtext/rich-text-widget.tsx';
import { TimeWidget } from './time-widget.tsx';
import { UserWidget } from './user-widget.tsx';

export const FORM_WIDGETS = { lookup: LookupWidget, multilookup: MultiLookupWidget, user: UserWidget, richtext: RichTextWidget, time: TimeWidget };

/** Custom fields by uiSchema `ui:field` (rjsf renders object values with fields, not widgets): "polylookup", "geolocation", "file". */
export const FORM_FIELDS = { polylookup: PolylookupField, geolocation: GeolocationField, file: FileField };
