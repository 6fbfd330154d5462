"""The story's word lists: the key terms notebook 01 follows and the names of the Chinese
state it counts.  Plain data, here so that every layer can count them (``count_phrases``;
the partitioned path counts them over every article in its one pass)."""
from __future__ import annotations

#: Key terms of the story for the dispersion plot: phrase -> label (spellings fold, see
#: data/variants.csv).  Each occurrence counts once, under the longest phrase.
KEY_TERMS = {
    "Uyghur": "Uyghur(s)",
    "Uyghurs": "Uyghur(s)",
    "Xinjiang": "Xinjiang",
    "camp": "camp(s)",
    "camps": "camp(s)",
    "detention": "detention / detained",
    "detained": "detention / detained",
    "genocide": "genocide",
    "human rights": "human rights",
    "country": "country / countries",
    "countries": "country / countries",
    "United Nations": "UN",
    "UN": "UN",
}

#: How an article names the Chinese state: phrase -> name.  "Chinese" on its own (an
#: adjective) and "pro-China" (one token) are not counted.
STATE_NAMES = {
    "Chinese Communist Party": "Chinese Communist Party",
    "Communist Party": "Communist Party",
    "CCP": "CCP",
    "Communist government": "Communist government",
    "China": "China",
    "Chinese government": "Chinese government",
    "Chinese state": "Chinese state",
    "Beijing": "Beijing",
}
