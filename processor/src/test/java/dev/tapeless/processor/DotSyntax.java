package dev.tapeless.processor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser of Graphviz's DOT language (graphs, subgraphs, node, edge and attribute statements,
 * quoted and plain IDs; no HTML labels or ports), so that tests need no Graphviz: it fails on
 * anything {@code dot} would reject as a syntax error, and on an edge whose endpoint no node
 * statement declares (DOT allows that; our graphs must not, or the node lands in whichever
 * cluster mentions it first).
 */
final class DotSyntax {
  /** A parsed graph. Node attributes by node ID; clusters with the nodes declared in them. */
  record Graph(String name, Map<String, Map<String, String>> nodes, List<Edge> edges,
      List<Cluster> clusters, Map<String, String> attributes) {
    /** The node labelled {@code label}, which must be the only one. */
    String nodeLabelled(String label) {
      List<String> ids = nodes.entrySet().stream()
          .filter(e -> label.equals(e.getValue().get("label"))).map(Map.Entry::getKey).toList();
      if (ids.size() != 1) {
        throw new AssertionError(ids.size() + " nodes labelled " + label + ": " + ids);
      }
      return ids.get(0);
    }

    String label(String id) {
      return nodes.get(id).get("label");
    }

    /** Labels of the nodes with an edge into {@code id}, in edge order. */
    List<String> into(String id) {
      return edges.stream().filter(e -> e.to().equals(id)).map(e -> label(e.from())).toList();
    }

    /** Labels of the nodes {@code id} has an edge to. */
    List<String> outOf(String id) {
      return edges.stream().filter(e -> e.from().equals(id)).map(e -> label(e.to())).toList();
    }
  }

  record Edge(String from, String to, Map<String, String> attributes) {}

  record Cluster(String name, String label, List<String> nodes, List<Cluster> children) {}

  private final List<String> tokens = new ArrayList<>();
  private int at;
  private final Map<String, Map<String, String>> nodes = new LinkedHashMap<>();
  private final List<Edge> edges = new ArrayList<>();

  private DotSyntax(String text) {
    tokenize(text);
  }

  static Graph parse(String text) {
    DotSyntax p = new DotSyntax(text);
    if (p.peek("strict")) {
      p.next();
    }
    p.expect("digraph");
    String name = p.peek("{") ? null : p.id();
    Cluster root = new Cluster(name, null, new ArrayList<>(), new ArrayList<>());
    Map<String, String> attributes = new LinkedHashMap<>();
    p.expect("{");
    p.statements(root, attributes);
    p.expect("}");
    if (p.at != p.tokens.size()) {
      throw new IllegalArgumentException("text after the graph: " + p.tokens.get(p.at));
    }
    for (Edge e : p.edges) {
      for (String end : List.of(e.from(), e.to())) {
        if (!p.nodes.containsKey(end)) {
          throw new IllegalArgumentException("edge endpoint " + end + " is not declared");
        }
      }
    }
    return new Graph(name, p.nodes, p.edges, root.children(), attributes);
  }

  private void statements(Cluster scope, Map<String, String> attributes) {
    while (!peek("}")) {
      if (peek("subgraph") || peek("{")) {
        subgraph(scope);
      } else if (peek("graph") || peek("node") || peek("edge")) {
        next();
        attributes();
      } else {
        String first = id();
        if (peek("=")) {
          next();
          attributes.put(first, id());
        } else if (peek("->")) {
          List<String> chain = new ArrayList<>(List.of(first));
          while (peek("->")) {
            next();
            chain.add(id());
          }
          Map<String, String> attrs = peek("[") ? attributes() : Map.of();
          for (int i = 0; i + 1 < chain.size(); i++) {
            edges.add(new Edge(chain.get(i), chain.get(i + 1), attrs));
          }
        } else {
          Map<String, String> attrs = peek("[") ? attributes() : new LinkedHashMap<>();
          if (nodes.containsKey(first)) {
            throw new IllegalArgumentException("node " + first + " declared twice");
          }
          nodes.put(first, attrs);
          scope.nodes().add(first);
        }
      }
      if (peek(";")) {
        next();
      }
    }
  }

  private void subgraph(Cluster scope) {
    String name = null;
    if (peek("subgraph")) {
      next();
      name = peek("{") ? null : id();
    }
    expect("{");
    Map<String, String> attributes = new LinkedHashMap<>();
    List<String> members = new ArrayList<>();
    List<Cluster> children = new ArrayList<>();
    Cluster placeholder = new Cluster(name, null, members, children);
    statements(placeholder, attributes);
    expect("}");
    scope.children().add(new Cluster(name, attributes.get("label"), members, children));
  }

  private Map<String, String> attributes() {
    Map<String, String> attrs = new LinkedHashMap<>();
    while (peek("[")) {
      next();
      while (!peek("]")) {
        String key = id();
        expect("=");
        attrs.put(key, id());
        if (peek(",") || peek(";")) {
          next();
        }
      }
      expect("]");
    }
    return attrs;
  }

  private String id() {
    String t = next();
    if (t.startsWith("\"")) {
      return t.substring(1);
    }
    if (!t.matches("[A-Za-z_\\u0080-\\uffff][A-Za-z_0-9\\u0080-\\uffff]*|-?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)")) {
      throw new IllegalArgumentException("not an ID: " + t + " at token " + at);
    }
    return t;
  }

  private boolean peek(String token) {
    return at < tokens.size() && tokens.get(at).equals(token);
  }

  private String next() {
    if (at >= tokens.size()) {
      throw new IllegalArgumentException("unexpected end of graph (unbalanced braces?)");
    }
    return tokens.get(at++);
  }

  private void expect(String token) {
    String t = next();
    if (!t.equals(token)) {
      throw new IllegalArgumentException("expected " + token + " but found " + t);
    }
  }

  /** Quoted strings become {@code "} followed by their unescaped text. */
  private void tokenize(String s) {
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (s.startsWith("//", i)) {
        i = s.indexOf('\n', i) < 0 ? s.length() : s.indexOf('\n', i);
      } else if (c == '"') {
        StringBuilder text = new StringBuilder("\"");
        i++;
        while (true) {
          if (i >= s.length()) {
            throw new IllegalArgumentException("unterminated string");
          }
          char d = s.charAt(i);
          if (d == '"') {
            i++;
            break;
          }
          if (d == '\\' && i + 1 < s.length()) {
            char e = s.charAt(i + 1);
            if (e == '"' || e == '\\') {
              text.append(e);
            } else if (e == 'n') {
              text.append('\n');
            } else {
              text.append(d).append(e);
            }
            i += 2;
          } else {
            text.append(d);
            i++;
          }
        }
        tokens.add(text.toString());
      } else if (s.startsWith("->", i) || s.startsWith("--", i)) {
        tokens.add(s.substring(i, i + 2));
        i += 2;
      } else if ("{}[];,=".indexOf(c) >= 0) {
        tokens.add(String.valueOf(c));
        i++;
      } else {
        int start = i;
        while (i < s.length() && !Character.isWhitespace(s.charAt(i))
            && "{}[];,=\"".indexOf(s.charAt(i)) < 0 && !s.startsWith("->", i)) {
          i++;
        }
        if (start == i) {
          throw new IllegalArgumentException("unexpected character " + c);
        }
        tokens.add(s.substring(start, i));
      }
    }
  }
}
