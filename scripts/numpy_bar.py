"""The bar our engines must clear: numpy float64, one thread, the same updates and sizes.

Prints bench rows (where: "numpy") as JSON. Run by `npm run bench -- --numpy`.
"""
import json
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np  # noqa: E402


def log_softmax(x):
    m = x.max(axis=1, keepdims=True)
    return x - (m + np.log(np.exp(x - m).sum(axis=1, keepdims=True)))


def step_inpo(x, PT, lmu, eta, beta):
    g = np.exp(x) @ PT
    return log_softmax((1 - eta * beta) * x + eta * beta * lmu + eta * g)


def step_nash_mp(x, PT, lmu, eta, beta):
    d = 1 + eta * beta
    half = log_softmax((x + eta * beta * lmu + eta * (np.exp(x) @ PT)) / d)
    return log_softmax((x + eta * beta * lmu + eta * (np.exp(half) @ PT)) / d)


def main():
    cfg = json.loads(sys.argv[1])
    rows = []
    rng = np.random.default_rng(1)
    for size in cfg["sizes"]:
        K, B = size["K"], size["B"]
        A = rng.uniform(-1, 1, (K, K))
        A = np.triu(A, 1) - np.triu(A, 1).T
        PT = ((1 + A) / 2).T.copy()
        lmu = np.full((1, K), -np.log(K))
        for solver, step, eta in (("nash-mp", step_nash_mp, 2.0), ("inpo", step_inpo, 0.1)):
            if solver not in cfg.get("solvers", ["nash-mp", "inpo"]):
                continue
            x = log_softmax(rng.uniform(0, 1, (B, K)))
            T = 2
            while True:
                t0 = time.perf_counter()
                for _ in range(T):
                    x = step(x, PT, lmu, eta, 0.1)
                sec = time.perf_counter() - t0
                if sec >= cfg["targetSeconds"] / 2 or T >= 20000:
                    break
                T = min(20000, max(T * 2, int(T * cfg["targetSeconds"] / max(sec, 1e-6))))
            rows.append({"where": "numpy", "engine": "numpy", "backend": "float64", "solver": solver,
                         "K": K, "B": B, "T": T, "seconds": sec, "policyStepsPerSec": T * B / sec,
                         "workers": 1, "threads": 1})
    print(json.dumps(rows))


main()
