/**
 * Counter numbers run 1..99: the hall configuration refuses more, and the voice pack has a clip
 * for each ("đến quầy số chín mươi chín"). A module of its own so the display's bundle takes the
 * number without the configuration schema.
 */
export const MAX_COUNTER_NUMBER = 99;
