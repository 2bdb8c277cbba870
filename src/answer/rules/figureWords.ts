// English number words, units and currencies, shared by the rules about figures. "One" is as often
// a pronoun ("no longer pays one"): it states no amount.
const amountWords =
  'two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|billion|trillion|half|twice|double|dozen|(?:giga|mega|kilo)?watts?|(?:giga|mega|kilo)?watt-scale|dollars?|cents?|euros?|pounds?';

export const englishAmountWords = new RegExp(`\\d|\\b(${amountWords})\\b|[$€£%]`, 'i');
/** A price: an amount of money, such as "$2.75" or "25 cents". */
export const englishPrice = /[$€£]\s?\d|\d\s*(dollars?|cents?|euros?|pounds?)\b/i;
/**
 * A number word after a determiner counts things already named ("the two companies", "both
 * parties", "its three partners"): it refers to them, it states no figure.
 */
export const englishReferringCounts = new RegExp(`\\b(the|these|those|its|their|our|your|his|her|all|both) (${amountWords})\\b`, 'gi');
/** Years, which state a date, not an amount ("through 2030" is no dollar amount). */
export const years = /\b(19|20)\d\d\b/g;
