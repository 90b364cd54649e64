"""PyTorch CPU timings of what MlpBatchBenchmark and GemmBenchmark time in Java.

The digits MLP (64 -> 64 ReLU -> 10, mean softmax cross entropy) on a random minibatch:
`gradient` is forward + backward, `trainingStep` adds an Adam step, as in the JMH benchmark.
The GEMM rows time X @ W.T (forward) and the two products of its backward pass at the JMH
shapes. With --cpu-time the clock is this thread's CPU time (meaningful with one thread, where
PyTorch computes on the calling thread), as in CpuTimes.java. Each figure is the median of 5 runs of about 1 s after 1 s of warm-up, in microseconds
per call; float64 is the Java kernels' precision, float32 PyTorch's default.
"""
import argparse
import statistics
import time

import torch
import torch.nn.functional as F


CLOCK = time.perf_counter


def timed(fn, seconds=1.0, runs=5):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        fn()
    per_call = []
    for _ in range(runs):
        calls = 0
        start = CLOCK()
        while True:
            fn()
            calls += 1
            elapsed = CLOCK() - start
            if elapsed >= seconds:
                break
        per_call.append(elapsed / calls * 1e6)
    return statistics.median(per_call)


def mlp(batch, dtype):
    g = torch.Generator().manual_seed(42)
    model = torch.nn.Sequential(
        torch.nn.Linear(64, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10)).to(dtype)
    x = torch.rand(batch, 64, generator=g, dtype=dtype)
    y = torch.randint(0, 10, (batch,), generator=g)
    opt = torch.optim.Adam(model.parameters(), lr=1e-6)

    def gradient():
        model.zero_grad(set_to_none=True)
        F.cross_entropy(model(x), y).backward()

    def step():
        opt.zero_grad(set_to_none=True)
        F.cross_entropy(model(x), y).backward()
        opt.step()

    return timed(gradient), timed(step)


def lstm(dtype, hidden=512, inputs=512, batch=64, steps=8):
    """A training step of an LSTM over `steps` steps, as CpuTimes' LstmBatch step."""
    g = torch.Generator().manual_seed(11)
    cell = torch.nn.LSTM(inputs, hidden).to(dtype)
    readout = torch.nn.Linear(hidden, 1).to(dtype)
    xs = torch.rand(steps, batch, inputs, generator=g, dtype=dtype) * 2 - 1
    targets = torch.rand(batch, 1, generator=g, dtype=dtype) * 2 - 1
    opt = torch.optim.Adam(list(cell.parameters()) + list(readout.parameters()), lr=1e-6)

    def step():
        opt.zero_grad(set_to_none=True)
        _, (h, _) = cell(xs)
        F.mse_loss(readout(h[-1]), targets).backward()
        opt.step()

    return timed(step)


def gemm(shape, dtype):
    b, n, m = (int(s) for s in shape.split("x"))
    g = torch.Generator().manual_seed(7)
    x = torch.randn(b, n, generator=g, dtype=dtype)
    w = torch.randn(m, n, generator=g, dtype=dtype)
    dy = torch.randn(b, m, generator=g, dtype=dtype)
    forward = timed(lambda: torch.mm(x, w.t()))
    backward = timed(lambda: (torch.mm(dy, w), torch.mm(dy.t(), x)))
    return forward, 2.0 * b * n * m / forward / 1e3, backward, 4.0 * b * n * m / backward / 1e3


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--cpu-time", action="store_true",
                        help="time by this thread's CPU time (with 1 thread), as CpuTimes.java")
    parser.add_argument("--only-lstm", action="store_true", help="the LSTM step alone")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    global CLOCK
    if args.cpu_time:
        CLOCK = time.thread_time
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} thread(s), CPU,"
          f" {'CPU time' if args.cpu_time else 'wall time'}")
    for dtype in (torch.float64, torch.float32):
        name = str(dtype).replace("torch.", "")
        if args.only_lstm:
            break
        for batch in (32, 256):
            grad, step = mlp(batch, dtype)
            print(f"mlp {name:7s} batch {batch:3d}: gradient {grad:9.1f} us"
                  f" ({batch / grad * 1e6:10.0f} examples/s), trainingStep {step:9.1f} us"
                  f" ({batch / step * 1e6:10.0f} examples/s)")
    for dtype in (torch.float64, torch.float32):
        name = str(dtype).replace("torch.", "")
        step = lstm(dtype)
        print(f"lstm {name:7s} H=512 batch 64 T=8: trainingStep {step:10.1f} us"
              f" ({64 / step * 1e6:8.0f} sequences/s)")
    if args.only_lstm:
        return
    for dtype in (torch.float64, torch.float32):
        name = str(dtype).replace("torch.", "")
        for shape in ("256x64x64", "64x1024x2048", "512x512x512"):
            f, fg, b, bg = gemm(shape, dtype)
            print(f"gemm {name:7s} {shape:13s}: forward {f:10.1f} us ({fg:6.1f} GFLOP/s),"
                  f" backward {b:10.1f} us ({bg:6.1f} GFLOP/s)")


if __name__ == "__main__":
    main()
