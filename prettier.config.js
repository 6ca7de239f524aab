// Prettier, set to the style the code was written in: single quotes, semicolons, trailing commas.
// Lines are long here (decorators, SQL, GraphQL descriptions). Measured when Prettier came in: at
// 160 columns it rewrapped about a tenth of the existing lines, at 120 about a sixth; wider than
// 160 saved little more.
export default {
  singleQuote: true,
  trailingComma: 'all',
  printWidth: 160,
};
