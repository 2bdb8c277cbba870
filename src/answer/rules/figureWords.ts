// English number words, units and currencies, shared by the rules about figures. "One" and "once"
// are as often a pronoun or "at one time" ("no longer pays one"): they state a figure, not an amount.
const amountWords =
  'two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|billion|trillion|half|twice|double|dozen|(?:giga|mega|kilo)?watts?|(?:giga|mega|kilo)?watt-scale|dollars?|cents?|euros?|pounds?';

export const englishFigureWords = new RegExp(`\\d|\\b(one|once|percent|percentage|${amountWords})\\b|[$€£%]`, 'i');
export const englishAmountWords = new RegExp(`\\d|\\b(${amountWords})\\b|[$€£%]`, 'i');
/** A price: an amount of money, such as "$2.75" or "25 cents". */
export const englishPrice = /[$€£]\s?\d|\d\s*(dollars?|cents?|euros?|pounds?)\b/i;
/** Years, which state a date, not an amount ("through 2030" is no dollar amount). */
export const years = /\b(19|20)\d\d\b/g;
