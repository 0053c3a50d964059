"""Fit the learned event-type classifier and write src/dateline/data/classifier/weights.npz.

Embeds the labelled sentences of data/classifier/training.csv with the [embed] extra's
all-MiniLM-L6-v2, picks the regularisation strength of a multinomial logistic regression
(scikit-learn, installed with sentence-transformers) by repeated stratified 5-fold
cross-validation, prints the held-out accuracy and recall per class, sets the event
threshold (the lowest top-class probability at which the held-out event predictions are
right TARGET_PRECISION of the time), then fits on every sentence and saves the layer with
its threshold.

    .venv/bin/python scripts/train_classifier.py
"""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import (
    RepeatedStratifiedKFold,
    StratifiedKFold,
    cross_val_predict,
    cross_val_score,
)

from dateline.events.classifier import (
    NO_EVENT,
    TRAINING_FILE,
    WEIGHTS_FILE,
    LinearModel,
    MiniLMEmbedder,
    read_labelled,
)

STRENGTHS = (1.0, 4.0, 16.0, 64.0)  # inverse regularisation C tried by cross-validation
THRESHOLDS = np.arange(0.2, 0.95, 0.05)  # candidate event thresholds, lowest first
TARGET_PRECISION = 0.8  # share of above-threshold event predictions that must be right
SEED = 13


def main() -> None:
    rows = read_labelled(TRAINING_FILE)
    vectors = MiniLMEmbedder().encode([row.text for row in rows])
    labels = np.array([row.plover_type for row in rows])
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    # repeated folds: with ~30 sentences a class one split's accuracy moves by points
    repeated = RepeatedStratifiedKFold(n_splits=5, n_repeats=4, random_state=SEED)
    scores = {
        c: cross_val_score(_regression(c), vectors, labels, cv=repeated).mean() for c in STRENGTHS
    }
    for c, score in scores.items():
        print(f"C={c:<5} cross-validated accuracy {score:.3f}")
    best = max(scores, key=scores.get)
    fitted = _regression(best).fit(vectors, labels)
    held_out = cross_val_predict(
        _regression(best), vectors, labels, cv=folds, method="predict_proba"
    )
    _print_class_recall(held_out, fitted.classes_, labels)
    threshold = _event_threshold(held_out, fitted.classes_, labels)
    model = LinearModel(tuple(fitted.classes_), fitted.coef_.T, fitted.intercept_, threshold)
    model.save(WEIGHTS_FILE)
    print(
        f"{len(rows)} sentences, {len(model.classes)} classes, C={best}, "
        f"threshold {threshold:.2f}: wrote {WEIGHTS_FILE}"
    )


def _print_class_recall(probabilities: np.ndarray, classes: np.ndarray, labels: np.ndarray):
    """Held-out recall per class: where more training sentences would help most."""
    top = classes[probabilities.argmax(axis=1)]
    recalls = {kind: (top[labels == kind] == kind).mean() for kind in classes}
    print("held-out recall: " + ", ".join(f"{k} {v:.2f}" for k, v in sorted(recalls.items())))


def _event_threshold(probabilities: np.ndarray, classes: np.ndarray, labels: np.ndarray) -> float:
    """The lowest threshold whose held-out event predictions reach TARGET_PRECISION."""
    top = classes[probabilities.argmax(axis=1)]
    confidence = probabilities.max(axis=1)
    for threshold in THRESHOLDS:
        coded = (top != NO_EVENT) & (confidence >= threshold)
        precision = (top[coded] == labels[coded]).mean() if coded.any() else 0.0
        print(f"threshold {threshold:.2f}: {coded.sum()} events, precision {precision:.3f}")
        if precision >= TARGET_PRECISION:
            return float(threshold)
    return float(THRESHOLDS[-1])


def _regression(strength: float) -> LogisticRegression:
    return LogisticRegression(C=strength, max_iter=5000)


if __name__ == "__main__":
    main()
