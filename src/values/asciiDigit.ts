/** The value of an ASCII digit's character code (`0`–`9`), or -1 for any other code: for readers that scan by code. */
export function asciiDigit(code: number): number {
  const value = code - 48;
  return value >= 0 && value <= 9 ? value : -1;
}
