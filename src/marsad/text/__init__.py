"""marsad.text: Arabic-aware normalisation with offsets, tokens, sentences, numbers and dates."""

from marsad.text.dates import DateMention, find_dates
from marsad.text.normalize import (
    NormalizedText,
    normalize,
    normalize_char,
    normalize_key,
    strip_al,
)
from marsad.text.numbers import NumberMention, find_numbers
from marsad.text.sentences import split_clauses, split_sentences
from marsad.text.tokens import Token, clitic_bases, clitic_variants, strip_suffixes, tokenize

__all__ = [
    "DateMention",
    "NormalizedText",
    "NumberMention",
    "Token",
    "clitic_bases",
    "clitic_variants",
    "find_dates",
    "find_numbers",
    "normalize",
    "normalize_char",
    "normalize_key",
    "split_clauses",
    "split_sentences",
    "strip_al",
    "strip_suffixes",
    "tokenize",
]
