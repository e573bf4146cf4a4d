import { TextControl } from './form-controls.tsx';

type Language = 'zh' | 'en';

/** A metadata label in both languages, side by side (Chinese first, as admins here write it first). */
export function LabelPair(props: {
  captions: Record<Language, string>;
  value: Partial<Record<Language, string>> | undefined;
  onChange: (language: Language, text: string) => void;
  errors?: Partial<Record<Language, string[]>>;
}) {
  return (
    <>
      {(['zh', 'en'] as const).map((language) => (
        <TextControl
          key={language}
          label={props.captions[language]}
          lang={language}
          value={props.value?.[language] ?? ''}
          onChange={(text) => props.onChange(language, text)}
          errors={props.errors?.[language]}
        />
      ))}
    </>
  );
}
