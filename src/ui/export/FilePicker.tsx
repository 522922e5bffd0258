import { useId, type ReactNode } from 'react';

interface FilePickerProps {
  label: ReactNode;
  accept: string;
  multiple?: boolean;
  disabled?: boolean;
  testId: string;
  onFiles: (files: File[]) => void;
  primary?: boolean;
}

/** A file input styled as a button; the input itself stays focusable, so it works from the keyboard. */
export function FilePicker({ label, accept, multiple, disabled, testId, onFiles, primary }: FilePickerProps) {
  const id = useId();
  return (
    <span className="file-picker">
      <input
        id={id}
        className="visually-hidden"
        type="file"
        accept={accept}
        multiple={multiple}
        disabled={disabled}
        data-testid={testId}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
      <label htmlFor={id} className={`button${primary ? ' button-primary' : ''}${disabled ? ' button-disabled' : ''}`}>
        {label}
      </label>
    </span>
  );
}
