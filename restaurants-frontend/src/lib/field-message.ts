/**
 * A server's field message as a sentence next to its field: "is not a valid card number" after the label "Card
 * number" → "Card number is not a valid card number"; a message that is a whole sentence is kept, capitalized.
 */
export function fieldSentence(label: string, message: string): string {
  return /^(is|must|has|are|can)\b/.test(message)
    ? `${label} ${message}`
    : message.charAt(0).toUpperCase() + message.slice(1);
}
