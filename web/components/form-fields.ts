/**
 * A submitted form's fields: text trimmed (a missing field is ''), every value of a field that repeats,
 * and whether a checkbox is ticked.
 */
export function formFields(form: HTMLFormElement) {
  const data = new FormData(form);
  return {
    text: (name: string) => String(data.get(name) ?? '').trim(),
    all: (name: string) => data.getAll(name).map(String),
    checked: (name: string) => data.get(name) === 'on',
  };
}
