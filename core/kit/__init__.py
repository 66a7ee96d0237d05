"""The genre kit: mechanisms that official documents share, one module each.

- :mod:`.words`: the organisation's vocabulary and safe ``{field}`` filling;
- :mod:`.lists`: lists as the documents write them (①… lines, 一是…；二是…。, 小标题, one
  sentence), titled items, paragraphs from multi-line answers;
- :mod:`.deadlines`: deadline answers (落实时限) and date rules (order, not before, by the
  meeting), dates written relative to the meeting;
- :mod:`.responsibility`: the four responsibility fields, problem sections and the ledger;
- :mod:`.phases`: phases with checked date ranges;
- :mod:`.counts`: figures that must agree (parts and totals);
- :mod:`.closing`: 落款 and 成文日期.

Plugins reach all of it through :mod:`gongwen.api`.
"""
