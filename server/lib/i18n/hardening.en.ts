/** English strings of input hygiene and service health (merged into en.ts). */
export const hardeningEn = {
  input: {
    badCharacter: 'This contains a character that cannot be stored (a NUL byte or broken text).',
    badRequest: 'The request contains a character that cannot be read (a NUL byte or broken text) in {{where}}.',
    badUpload: 'The upload was cut off or could not be read. Send the form again.',
    control: 'Remove the invisible control or text-direction characters.',
    visible: 'Enter at least one visible character.',
    surrogate: 'This contains broken text (a lone surrogate). Type it again.',
  },
  issuedRevision: {
    inForce: 'In force: issued on {{date}}',
    inForceShort: 'in force, issued {{date}}',
  },
};
