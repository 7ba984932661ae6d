"""Training of claimscope's learned components (`make train`): `python -m pipeline.train attribution`.

attribution.py  the learned attribution tagger (data.py: gold -> token labels; perceptron.py: the learner)
measure.py      the combination table: rules / tagger / union ... scored on gold sets, tune or check half
"""
