const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

export function formatInteger(value: number): string {
  return integer.format(value);
}

export function formatMs(value: number): string {
  return `${value < 10 ? oneDecimal.format(value) : integer.format(value)} ms`;
}
