package dev.tapeless.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.sun.source.util.Trees;
import dev.tapeless.CustomDerivative;
import dev.tapeless.Differentiable;
import dev.tapeless.processor.diagnostics.Diagnostic;
import dev.tapeless.processor.diagnostics.Reporter;
import dev.tapeless.processor.emit.FrameSpec;
import dev.tapeless.processor.emit.GradClassWriter;
import dev.tapeless.processor.emit.SweepsWriter;
import dev.tapeless.processor.frontend.CustomDerivatives;
import dev.tapeless.processor.frontend.DeclarationValidator;
import dev.tapeless.processor.frontend.DifferentiableSignature;
import dev.tapeless.processor.frontend.UnreadModelFields;
import dev.tapeless.processor.graph.GraphFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic.Kind;

/**
 * The Tapeless annotation processor: for each class with {@code @Differentiable} methods, writes
 * {@code <Class>_Grad} with one gradient frame per method.
 */
@AutoService(Processor.class)
@SupportedAnnotationTypes({"dev.tapeless.Differentiable", "dev.tapeless.CustomDerivative",
    "dev.tapeless.NoDerivative", "dev.tapeless.Out", "dev.tapeless.GradientFrame",
    "javax.annotation.processing.Generated"})
@SupportedOptions({TapelessProcessor.PRINT_IR, TapelessProcessor.GRAPHS,
    TapelessProcessor.INLINE_CALLEES, TapelessProcessor.SCALARIZE_ARRAYS})
public final class TapelessProcessor extends AbstractProcessor {
  /** {@code -Atapeless.printIr=true} prints each method's IR as a compiler note. */
  static final String PRINT_IR = "tapeless.printIr";
  /** {@code -Atapeless.graphs=DIR} writes each method's graph there as Graphviz DOT. */
  static final String GRAPHS = "tapeless.graphs";
  /**
   * {@code -Atapeless.inlineCallees=false} keeps every callee behind its frame instead of
   * inlining small ones (see {@code SmallCallees}): for debugging, and for the random tester,
   * which checks both ways.
   */
  static final String INLINE_CALLEES = "tapeless.inlineCallees";
  /**
   * {@code -Atapeless.scalarizeArrays=false} keeps small local arrays as arrays instead of one
   * variable per element (see {@code SmallArrays}): for debugging, and for the random tester.
   */
  static final String SCALARIZE_ARRAYS = "tapeless.scalarizeArrays";

  private Trees trees;
  private String treeApiProblem;
  private Reporter reporter;

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    try {
      trees = CompilerTrees.of(env);
    } catch (RuntimeException | LinkageError e) {
      treeApiProblem = e.getMessage();
    }
    reporter = new Reporter(env.getMessager(), trees);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      processRound(round);
    } catch (Throwable e) { // the processor must never crash javac
      processingEnv.getMessager().printMessage(Kind.ERROR,
          Diagnostic.INTERNAL_ERROR.format("this round", e));
    }
    // Claimed, so that -Xlint:processing does not warn that no processor claimed them (an
    // error under -Werror): they are Tapeless's own, and @Generated is on what it writes.
    return true;
  }

  /**
   * Checks the signature of every pullback registered in this round's sources, and warns where
   * forward mode (jvp, hvp, hessian) will not go through a registration for want of a
   * pushforward: the frames compile, but those calls would throw at run time.
   */
  private void checkCustomDerivatives(RoundEnvironment round) {
    for (Element e : round.getElementsAnnotatedWith(CustomDerivative.class)) {
      if (e.getKind() == ElementKind.METHOD) {
        CustomDerivatives.Registration r = CustomDerivatives.read((ExecutableElement) e);
        if (r.problem() != null) {
          reporter.error(e, Diagnostic.BAD_CUSTOM_DERIVATIVE, r.problem());
        } else if (r.callee().pushforward() == null) {
          reporter.warning(e, Diagnostic.NO_PUSHFORWARD, e.getSimpleName(),
              CustomDerivatives.suggestedPushforward((ExecutableElement) e));
        }
      }
    }
  }

  /**
   * Methods whose {@code _Grad} class was written in the previous round and whose bodies are
   * read now: by then every generated class a user's code mentions exists, so making javac
   * attribute the user's class cannot leave errors behind (which crashes javac later, e.g. with
   * {@code var g = new C_Grad.M()} in the same class).
   */
  private final List<Pending> pending = new ArrayList<>();

  /** A method to differentiate in the next round, found again by name there. */
  private record Pending(String owner, String name, List<String> parameterTypes) {
    static Pending of(ExecutableElement method) {
      return new Pending(
          ((TypeElement) method.getEnclosingElement()).getQualifiedName().toString(),
          method.getSimpleName().toString(),
          method.getParameters().stream().map(p -> p.asType().toString()).toList());
    }

    ExecutableElement find(Elements elements) {
      TypeElement type = elements.getTypeElement(owner);
      if (type == null) {
        return null;
      }
      for (Element e : type.getEnclosedElements()) {
        if (e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(name)
            && Pending.of((ExecutableElement) e).equals(this)) {
          return (ExecutableElement) e;
        }
      }
      return null;
    }
  }

  /**
   * Frames of methods whose declarations were rejected: their callers are not differentiated
   * (the callee's error says why) rather than getting errors that follow from it.
   */
  private final Set<String> rejectedFrames = new HashSet<>();

  /** Generated class names given out so far, with the class each belongs to. */
  private final Map<String, String> gradClassOwners = new HashMap<>();
  /** The qualified names of the classes the user wrote, in every round so far. */
  private final Set<String> userTypes = new HashSet<>();

  private void processRound(RoundEnvironment round) {
    for (Element e : round.getRootElements()) {
      if (e instanceof TypeElement t && !gradClassOwners.containsKey(t.getQualifiedName()
          .toString()) && !isGenerated(t)) {
        collectTypes(t, userTypes);
      }
    }
    checkCustomDerivatives(round);
    differentiatePending();
    List<ExecutableElement> methods = new ArrayList<>();
    for (Element e : round.getElementsAnnotatedWith(Differentiable.class)) {
      if (e.getKind() == ElementKind.METHOD) {
        methods.add((ExecutableElement) e);
      }
    }
    if (methods.isEmpty()) {
      return;
    }
    if (trees == null) {
      reporter.error(methods.get(0), Diagnostic.NO_TREE_API, treeApiProblem);
      return;
    }
    DeclarationValidator validator = new DeclarationValidator(reporter);
    Map<TypeElement, List<DifferentiableSignature>> byOwner = new LinkedHashMap<>();
    Map<TypeElement, Set<String>> frameNames = new HashMap<>();
    for (ExecutableElement method : methods) {
      TypeElement owner = (TypeElement) method.getEnclosingElement();
      DifferentiableSignature sig = DifferentiableSignature.of(method);
      if (!validator.validate(method, sig)) {
        rejectedFrames.add(sig.gradQualifiedName() + "." + sig.frameSimpleName());
        continue;
      }
      if (!frameNames.computeIfAbsent(owner, o -> new HashSet<>()).add(sig.frameSimpleName())) {
        reporter.error(method, Diagnostic.DUPLICATE_FRAME_NAME, owner.getSimpleName(),
            sig.frameSimpleName());
        continue;
      }
      String ownerName = owner.getQualifiedName().toString();
      String claimant = gradClassOwners.putIfAbsent(sig.gradQualifiedName(), ownerName);
      if (claimant != null && !claimant.equals(ownerName)) {
        reporter.error(method, Diagnostic.GRAD_CLASS_NAME_TAKEN, owner.getSimpleName(),
            sig.gradSimpleName(), "Tapeless gives the gradient class of " + claimant);
        continue;
      }
      if (userTypes.contains(sig.gradQualifiedName())) {
        reporter.error(method, Diagnostic.GRAD_CLASS_NAME_TAKEN, owner.getSimpleName(),
            sig.gradSimpleName(), "of a class of yours");
        continue;
      }
      byOwner.computeIfAbsent(owner, o -> new ArrayList<>()).add(sig);
      pending.add(Pending.of(method));
    }
    byOwner.forEach((owner, sigs) -> writeFile(owner, GradClassWriter.write(owner, sigs)));
    warnUnreadModelFields(byOwner);
  }

  /** TL028 on each differentiated field of a model class that none of its methods reads. */
  private void warnUnreadModelFields(Map<TypeElement, List<DifferentiableSignature>> byOwner) {
    byOwner.forEach((owner, sigs) -> {
      List<ExecutableElement> models = sigs.stream().map(DifferentiableSignature::method)
          .filter(DifferentiableSignature::isModelMethod).toList();
      if (!models.isEmpty()) {
        for (VariableElement field : UnreadModelFields.of(trees, owner, models)) {
          reporter.warning(field, Diagnostic.UNREAD_MODEL_FIELD, field.getSimpleName(),
              owner.getSimpleName(), field.getSimpleName());
        }
      }
    });
  }

  private static boolean isGenerated(TypeElement t) {
    String name = t.getSimpleName().toString();
    return (name.endsWith("_Grad") || name.endsWith("_GradSweeps"))
        && t.getAnnotation(javax.annotation.processing.Generated.class) != null;
  }

  private static void collectTypes(TypeElement t, Set<String> into) {
    into.add(t.getQualifiedName().toString());
    for (Element e : t.getEnclosedElements()) {
      if (e instanceof TypeElement nested) {
        collectTypes(nested, into);
      }
    }
  }

  /** Reads the bodies of last round's methods and writes their sweeps. */
  private void differentiatePending() {
    if (pending.isEmpty()) {
      return;
    }
    Elements elements = processingEnv.getElementUtils();
    MethodCompiler compiler = new MethodCompiler(trees, elements,
        processingEnv.getTypeUtils(), reporter, rejectedFrames,
        Boolean.parseBoolean(processingEnv.getOptions().get(PRINT_IR)),
        GraphFiles.forOption(processingEnv.getOptions().get(GRAPHS), reporter),
        !"false".equals(processingEnv.getOptions().get(INLINE_CALLEES)),
        !"false".equals(processingEnv.getOptions().get(SCALARIZE_ARRAYS)));
    Map<String, MethodCompiler.Compiled> compiled = new LinkedHashMap<>();
    Map<String, DifferentiableSignature> signatures = new LinkedHashMap<>();
    for (Pending p : pending) {
      ExecutableElement method = p.find(elements);
      if (method == null) {
        continue;
      }
      DifferentiableSignature sig = DifferentiableSignature.of(method);
      String id = sig.gradQualifiedName() + "." + sig.frameSimpleName();
      signatures.put(id, sig);
      MethodCompiler.Compiled result = compileSafely(compiler, sig);
      if (result != null) {
        compiled.put(id, result);
      }
    }
    pending.clear();
    Set<String> recursive = RecursionFinder.cyclic(compiled);
    Map<TypeElement, List<FrameSpec>> byOwner = new LinkedHashMap<>();
    for (Map.Entry<String, DifferentiableSignature> e : signatures.entrySet()) {
      DifferentiableSignature sig = e.getValue();
      MethodCompiler.Compiled result = compiled.get(e.getKey());
      if (result != null && recursive.contains(e.getKey())) {
        reporter.error(sig.method(), Diagnostic.RECURSION, sig.method().getSimpleName()
            + " is part of a cycle of calls between @Differentiable methods");
        result = null;
      }
      FrameSpec frame = result != null ? result.frame() : FrameSpec.failed(sig);
      byOwner.computeIfAbsent((TypeElement) sig.method().getEnclosingElement(),
          o -> new ArrayList<>()).add(frame);
    }
    byOwner.forEach((owner, frames) -> writeFile(owner, SweepsWriter.write(owner, frames)));
  }

  private MethodCompiler.Compiled compileSafely(MethodCompiler compiler,
      DifferentiableSignature sig) {
    try {
      return compiler.compile(sig);
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      reporter.error(sig.method(), Diagnostic.INTERNAL_ERROR, sig.displayName(), describe(e));
      return null;
    }
  }

  /** The exception and where it was thrown: enough for a useful bug report. */
  static String describe(Throwable e) {
    StringBuilder s = new StringBuilder(e.toString());
    StackTraceElement[] trace = e.getStackTrace();
    for (int i = 0; i < Math.min(3, trace.length); i++) {
      s.append(" at ").append(trace[i]);
    }
    return s.toString();
  }

  private void writeFile(TypeElement owner, JavaFile file) {
    try {
      file.writeTo(processingEnv.getFiler());
    } catch (IOException | RuntimeException e) {
      reporter.error(owner, Diagnostic.INTERNAL_ERROR, owner.getSimpleName(),
          "could not write " + file.typeSpec().name() + ": " + e);
    }
  }
}
