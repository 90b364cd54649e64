package dev.tapeless.it.arrays;

import static dev.tapeless.it.arrays.ArrayCase.Param.indices;
import static dev.tapeless.it.arrays.ArrayCase.Param.jagged;
import static dev.tapeless.it.arrays.ArrayCase.Param.matrix;
import static dev.tapeless.it.arrays.ArrayCase.Param.passiveMatrix;
import static dev.tapeless.it.arrays.ArrayCase.Param.passiveVector;
import static dev.tapeless.it.arrays.ArrayCase.Param.real;
import static dev.tapeless.it.arrays.ArrayCase.Param.size;
import static dev.tapeless.it.arrays.ArrayCase.Param.vector;
import static dev.tapeless.it.arrays.ArrayCase.fn;
import static dev.tapeless.it.arrays.Flatten.flat;

import java.util.List;
import org.hipparchus.analysis.differentiation.Gradient;

/** Cases for {@link Indexing}, and twins of its functions in Hipparchus arithmetic. */
final class IndexingCases {
  private IndexingCases() {}

  static List<ArrayCase<?>> cases() {
    return List.of(
        fn("Indexing.gather", vector("x", "n", -2, 2), indices("idx", "k", "n"))
            .dim("n", 1, 5)
            .dim("k", 1, 8)
            .plain(a -> Indexing.gather(a.vec(0), a.ints(1)))
            .frame(Indexing_Grad.Gather::new, Indexing_Grad.Gather::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.ints(1)),
                (g, a) -> g.accumulate(a.vec(0), a.ints(1)))
            .twin(p -> {
              Gradient[] x = p.vec(0);
              int[] idx = p.ints(1);
              Gradient s = p.constant(0);
              for (int k = 0; k < idx.length; k++) {
                s = s.add(x[idx[k]].square().multiply(k + 1));
              }
              return s;
            }),
        fn("Indexing.scatterAdd", vector("x", "n", -2, 2), indices("bucket", "n", "b"),
                size("buckets", "b"))
            .dim("n", 1, 7)
            .dim("b", 1, 4)
            .plain(a -> Indexing.scatterAdd(a.vec(0), a.ints(1), a.n(2)))
            .frame(Indexing_Grad.ScatterAdd::new, Indexing_Grad.ScatterAdd::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.ints(1), a.n(2)),
                (g, a) -> g.accumulate(a.vec(0), a.ints(1), a.n(2)))
            .twin(p -> {
              Gradient[] x = p.vec(0);
              Gradient s = p.constant(0);
              for (int b = 0; b < p.n(2); b++) {
                Gradient bucket = p.constant(0);
                for (int k = 0; k < x.length; k++) {
                  if (p.ints(1)[k] == b) {
                    bucket = bucket.add(x[k]);
                  }
                }
                s = s.add(bucket.square());
              }
              return s;
            }),
        fn("Indexing.embeddingLookup", matrix("E", "v", "d", -1, 1), indices("tokens", "k", "v"),
                vector("w", "d", -2, 2))
            .dim("v", 1, 4)
            .dim("d", 1, 3)
            .dim("k", 1, 5)
            .plain(a -> Indexing.embeddingLookup(a.mat(0), a.ints(1), a.vec(2)))
            .frame(Indexing_Grad.EmbeddingLookup::new, Indexing_Grad.EmbeddingLookup::zero,
                g -> flat(g.dE, g.dw))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.ints(1), a.vec(2)),
                (g, a) -> g.accumulate(a.mat(0), a.ints(1), a.vec(2)))
            .twin(p -> {
              Gradient[][] e = p.mat(0);
              Gradient[] w = p.vec(2);
              Gradient s = p.constant(0);
              for (int token : p.ints(1)) {
                for (int j = 0; j < w.length; j++) {
                  s = s.add(e[token][j].multiply(w[j]).tanh());
                }
              }
              return s;
            }),
        fn("Indexing.jaggedSquares", jagged("J", "r", 0, 4, -2, 2))
            .dim("r", 1, 5)
            .plain(a -> Indexing.jaggedSquares(a.mat(0)))
            .frame(Indexing_Grad.JaggedSquares::new, Indexing_Grad.JaggedSquares::zero,
                g -> flat(g.dJ))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0)),
                (g, a) -> g.accumulate(a.mat(0)))
            .twin(p -> {
              Gradient s = p.constant(0);
              Gradient[][] j = p.mat(0);
              for (int i = 0; i < j.length; i++) {
                for (Gradient v : j[i]) {
                  s = s.add(v.square().divide(i + 1));
                }
              }
              return s;
            }),
        fn("Indexing.jaggedRowWeights", jagged("J", "r", 1, 4, -2, 2), vector("w", "r", -2, 2))
            .dim("r", 1, 5)
            .plain(a -> Indexing.jaggedRowWeights(a.mat(0), a.vec(1)))
            .frame(Indexing_Grad.JaggedRowWeights::new, Indexing_Grad.JaggedRowWeights::zero,
                g -> flat(g.dJ, g.dw))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1)))
            .twin(p -> {
              Gradient[][] j = p.mat(0);
              Gradient[] w = p.vec(1);
              Gradient s = p.constant(0);
              for (int i = 0; i < j.length; i++) {
                s = s.add(w[i].multiply(ReductionsCases.dot(j[i], j[i]).log1p()));
              }
              return s;
            }),
        fn("Indexing.wrtMatrixOnly", matrix("W", "m", "n", -1, 1),
                passiveVector("x", "n", -1, 1), passiveVector("b", "m", -1, 1))
            .dim("m", 1, 4)
            .dim("n", 1, 4)
            .plain(a -> Indexing.wrtMatrixOnly(a.mat(0), a.vec(1), a.vec(2)))
            .frame(Indexing_Grad.WrtMatrixOnly::new, Indexing_Grad.WrtMatrixOnly::zero,
                g -> flat(g.dW))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1), a.vec(2)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1), a.vec(2)))
            .twin(p -> {
              Gradient[] z = MatricesCases.affine(p.mat(0), p.vec(1), p.vec(2));
              Gradient s = p.constant(0);
              for (Gradient v : z) {
                s = s.add(v.square().negate().exp());
              }
              return s;
            }),
        fn("Indexing.wrtScalarAndArray", real("scale", -2, 2), passiveVector("x", "n", -2, 2),
                vector("y", "n", -2, 2))
            .dim("n", 1, 6)
            .plain(a -> Indexing.wrtScalarAndArray(a.d(0), a.vec(1), a.vec(2)))
            .frame(Indexing_Grad.WrtScalarAndArray::new, Indexing_Grad.WrtScalarAndArray::zero,
                g -> flat(g.dscale, g.dy))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0), a.vec(1), a.vec(2)),
                (g, a) -> g.accumulate(a.d(0), a.vec(1), a.vec(2)))
            .twin(p -> {
              Gradient[] x = p.vec(1);
              Gradient[] y = p.vec(2);
              Gradient s = p.constant(0);
              for (int i = 0; i < x.length; i++) {
                s = s.add(p.x(0).multiply(x[i]).sin().multiply(y[i]));
              }
              return s;
            }),
        fn("Indexing.noDerivativeTarget", vector("x", "n", -2, 2),
                passiveVector("target", "n", -2, 2))
            .dim("n", 1, 6)
            .plain(a -> Indexing.noDerivativeTarget(a.vec(0), a.vec(1)))
            .frame(Indexing_Grad.NoDerivativeTarget::new, Indexing_Grad.NoDerivativeTarget::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.vec(1)),
                (g, a) -> g.accumulate(a.vec(0), a.vec(1)))
            .twin(p -> {
              Gradient[] x = p.vec(0);
              Gradient s = p.constant(0);
              for (int i = 0; i < x.length; i++) {
                s = s.add(x[i].subtract(p.dvec(1)[i]).square().log1p());
              }
              return s;
            }),
        fn("Indexing.noDerivativeMatrix", passiveMatrix("A", "n", "n", -1, 1),
                vector("x", "n", -2, 2))
            .dim("n", 1, 5)
            .plain(a -> Indexing.noDerivativeMatrix(a.mat(0), a.vec(1)))
            .frame(Indexing_Grad.NoDerivativeMatrix::new, Indexing_Grad.NoDerivativeMatrix::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1)))
            .twin(p -> MatricesCases.quadraticForm(p.mat(0), p.vec(1))));
  }
}
