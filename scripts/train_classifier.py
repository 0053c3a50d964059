"""Fit the learned event-type classifier and write src/dateline/data/classifier/weights.npz.

Embeds the labelled sentences of data/classifier/training.csv with the [embed] extra's
all-MiniLM-L6-v2, picks the regularisation strength of a multinomial logistic regression
(scikit-learn, installed with sentence-transformers) by stratified 5-fold cross-validation,
prints the cross-validated accuracy, then fits on every sentence and saves the layer.

    .venv/bin/python scripts/train_classifier.py
"""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score

from dateline.events.classifier import (
    TRAINING_FILE,
    WEIGHTS_FILE,
    LinearModel,
    MiniLMEmbedder,
    read_labelled,
)

STRENGTHS = (1.0, 4.0, 16.0, 64.0)  # inverse regularisation C tried by cross-validation
SEED = 13


def main() -> None:
    rows = read_labelled(TRAINING_FILE)
    vectors = MiniLMEmbedder().encode([row.text for row in rows])
    labels = np.array([row.plover_type for row in rows])
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    scores = {
        c: cross_val_score(_regression(c), vectors, labels, cv=folds).mean() for c in STRENGTHS
    }
    for c, score in scores.items():
        print(f"C={c:<5} cross-validated accuracy {score:.3f}")
    best = max(scores, key=scores.get)
    fitted = _regression(best).fit(vectors, labels)
    model = LinearModel(tuple(fitted.classes_), fitted.coef_.T, fitted.intercept_)
    model.save(WEIGHTS_FILE)
    print(f"{len(rows)} sentences, {len(model.classes)} classes, C={best}: wrote {WEIGHTS_FILE}")


def _regression(strength: float) -> LogisticRegression:
    return LogisticRegression(C=strength, max_iter=5000)


if __name__ == "__main__":
    main()
