#include "oxidize/parse/rust_functions.hpp"

#include <algorithm>

namespace oxidize::parse {

using lex::Token;
using lex::TokenKind;

namespace {

// Words that never name the type of an impl block.
bool is_impl_keyword(std::string_view id) {
  return lex::spelled(id, "impl") || lex::spelled(id, "unsafe") || lex::spelled(id, "const") || lex::spelled(id, "dyn") || lex::spelled(id, "mut") ||
         lex::spelled(id, "for") || lex::spelled(id, "where") || lex::spelled(id, "crate") || lex::spelled(id, "self") || lex::spelled(id, "super");
}

// After these, `||` starts a closure rather than being an operator.
bool operand_ends_with(TokenKind kind, std::string_view text) {
  switch (kind) {
    case TokenKind::identifier:
      return !lex::spelled(text, "move") && !lex::spelled(text, "return") && !lex::spelled(text, "in") && !lex::spelled(text, "else") && !lex::spelled(text, "if") &&
             !lex::spelled(text, "while") && !lex::spelled(text, "match") && !lex::spelled(text, "let") && !lex::spelled(text, "mut") && !lex::spelled(text, "async");
    case TokenKind::number:
    case TokenKind::string:
    case TokenKind::character:
    case TokenKind::lifetime: return true;
    case TokenKind::punct: return lex::spelled(text, ")") || lex::spelled(text, "]") || lex::spelled(text, "}") || lex::spelled(text, "?");
    default: return false;
  }
}

std::string_view strip_raw(std::string_view id) { return id.rfind("r#", 0) == 0 ? id.substr(2) : id; }

}  // namespace

void RustFunctionParser::operator()(const Token& token) {
  if (token.kind == TokenKind::comment || token.kind == TokenKind::doc_comment) return;
  const std::string_view text = token.text(source_);
  if (body_.is_open()) {
    in_body(token, text);
  } else if (opaque_depth_ > 0) {
    if (token.kind == TokenKind::punct) {
      if (lex::spelled(text, "{")) ++opaque_depth_;
      else if (lex::spelled(text, "}") && --opaque_depth_ == 0) reset_item();
    }
  } else {
    in_item(token, text);
  }
  prev_kind_ = token.kind;
  prev_text_ = text;
}

void RustFunctionParser::in_body(const Token& token, std::string_view text) {
  body_.count(token);
  FunctionFacts& fn = body_.facts();
  if (token.kind == TokenKind::punct) {
    if (lex::spelled(text, "{")) {
      body_.open_block();
      if (prev_kind_ == TokenKind::identifier && lex::spelled(prev_text_, "unsafe")) ++fn.unsafe_blocks;
    } else if (lex::spelled(text, "}")) {
      if (body_.close_block(token)) {
        result_.functions.push_back(body_.take());
        reset_item();
      }
    } else if (lex::spelled(text, "&&") || lex::spelled(text, "?") ||
               (lex::spelled(text, "||") && operand_ends_with(prev_kind_, prev_text_))) {
      ++fn.ccn;
      ++fn.ccn_modified;
    } else if (lex::spelled(text, "=>") && !(prev_kind_ == TokenKind::identifier && lex::spelled(prev_text_, "_"))) {
      ++fn.ccn;  // a match arm; the modified count takes the whole match once
    }
    return;
  }
  if (token.kind != TokenKind::identifier) return;
  if (lex::spelled(text, "if") || lex::spelled(text, "while") || lex::spelled(text, "for")) {
    ++fn.ccn;
    ++fn.ccn_modified;
  } else if (lex::spelled(text, "match")) {
    ++fn.ccn_modified;
  }
}

void RustFunctionParser::in_item(const Token& token, std::string_view text) {
  Item& it = item_;
  if (it.begin == 0xffffffffU) it.begin = token.begin;
  if (it.fn_keyword && !it.name.empty()) {
    ++it.tokens;
    if (token.line != it.last_line) {
      ++it.lines;
      it.last_line = token.line;
    }
  }
  if (token.kind == TokenKind::punct) {
    if (it.in_params) {
      if (lex::spelled(text, "(")) {
        ++it.paren_depth;
      } else if (lex::spelled(text, ")")) {
        if (--it.paren_depth == 0) {
          it.in_params = false;
          it.after_params = true;
          if (it.param_pending) ++it.params;
        }
        return;
      }
      if (it.paren_depth == 1) {
        if (lex::spelled(text, "<")) ++it.param_angle;
        else if (lex::spelled(text, ">") && it.param_angle > 0) --it.param_angle;
        else if (lex::spelled(text, ">>")) it.param_angle = it.param_angle >= 2 ? it.param_angle - 2 : 0;
        else if (lex::spelled(text, ",") && it.param_angle == 0) {
          if (it.param_pending) ++it.params;
          it.param_pending = false;
          return;
        }
      }
      it.param_pending = true;
      return;
    }
    if (it.angle_depth > 0) {
      if (lex::spelled(text, "<")) ++it.angle_depth;
      else if (lex::spelled(text, ">")) --it.angle_depth;
      else if (lex::spelled(text, ">>")) it.angle_depth = it.angle_depth >= 2 ? it.angle_depth - 2 : 0;
      else if (lex::spelled(text, "{") || lex::spelled(text, ";")) it.angle_depth = 0;  // not generics after all
      if (it.angle_depth > 0) return;
      if (lex::spelled(text, ">") || lex::spelled(text, ">>")) return;
    }
    if (lex::spelled(text, "<") && ((it.fn_keyword && !it.after_params) || it.header == Header::impl_block ||
                        it.header == Header::trait_block)) {
      it.angle_depth = 1;
      return;
    }
    if (lex::spelled(text, "(")) {
      if (it.fn_keyword && !it.name.empty() && !it.after_params && it.paren_depth == 0) {
        it.in_params = true;
        it.paren_depth = 1;
        return;
      }
      ++it.paren_depth;
      return;
    }
    if (lex::spelled(text, ")")) {
      if (it.paren_depth > 0) --it.paren_depth;
      return;
    }
    if (it.paren_depth > 0) return;
    if (lex::spelled(text, "{")) return open_brace(token);
    if (lex::spelled(text, "}")) {
      if (scopes_.empty()) {
        if (!stray_brace_reported_) {
          result_.issues.push_back({token.line, "stray '}' at module scope (unbalanced braces); ignored"});
          stray_brace_reported_ = true;
        }
      } else {
        scopes_.pop_back();
      }
      reset_item();
      return;
    }
    if (lex::spelled(text, ";")) reset_item();
    return;
  }
  if (token.kind == TokenKind::string) {
    if (prev_kind_ == TokenKind::identifier && lex::spelled(prev_text_, "extern")) it.extern_pending = true;
    return;
  }
  if (token.kind != TokenKind::identifier || it.paren_depth > 0 || it.in_params || it.angle_depth > 0) return;

  if (it.fn_keyword && it.name.empty()) {
    it.name = strip_raw(text);
    it.name_line = token.line;
    it.tokens = 1;
    it.lines = 1;
    it.last_line = token.line;
    return;
  }
  if (lex::spelled(text, "fn") && !it.fn_keyword) {
    it.fn_keyword = true;
    return;
  }
  if (it.fn_keyword) return;  // return type, where clause
  if (lex::spelled(text, "unsafe")) {
    it.is_unsafe = true;
    return;
  }
  if (it.header == Header::none) {
    if (lex::spelled(text, "impl")) {
      it.header = Header::impl_block;
      return;
    }
    if (lex::spelled(text, "trait")) {
      it.header = Header::trait_block;
      return;
    }
    if (lex::spelled(text, "mod")) {
      it.header = Header::module;
      return;
    }
    return;
  }
  if (it.header_name_frozen) return;
  if (lex::spelled(text, "where")) {
    it.header_name_frozen = true;
    return;
  }
  if (it.header == Header::impl_block) {
    if (lex::spelled(text, "for")) it.header_name.clear();  // impl Trait for Type: named after Type
    else if (!is_impl_keyword(text)) it.header_name = strip_raw(text);
    return;
  }
  if (it.header_name.empty()) it.header_name = strip_raw(text);
}

void RustFunctionParser::open_brace(const Token& token) {
  Item& it = item_;
  if (it.fn_keyword && it.after_params) {
    FunctionFacts seed;
    seed.name = qualified(it.name);
    seed.start_line = it.name_line;
    seed.params = it.params;
    seed.is_unsafe = it.is_unsafe;
    seed.tokens = it.tokens;
    seed.nloc = it.lines;
    seed.signature_begin = it.begin == 0xffffffffU ? token.begin : it.begin;
    body_.open(std::move(seed), token);
    return;
  }
  const bool scope = it.header != Header::none || it.extern_pending;
  if (scope && !it.fn_keyword) {
    if (scopes_.size() >= k_max_scopes) {
      if (!deep_scope_reported_) {
        result_.issues.push_back({token.line, "items nested deeper than 256 scopes; the rest of this block is not searched for functions"});
        deep_scope_reported_ = true;
      }
      opaque_depth_ = 1;
      opaque_line_ = token.line;
      return;
    }
    scopes_.push_back(it.header == Header::none ? std::string() : it.header_name);
    reset_item();
    return;
  }
  opaque_depth_ = 1;  // struct/enum bodies, macro invocations, initialisers
  opaque_line_ = token.line;
}

std::string RustFunctionParser::qualified(std::string_view name) const {
  std::string out;
  for (const auto& s : scopes_) {
    if (s.empty()) continue;
    out += s;
    out += "::";
  }
  out.append(name);
  return out;
}

void RustFunctionParser::reset_item() { item_ = Item{}; }

FunctionResult RustFunctionParser::finish() {
  if (body_.is_open()) {
    const std::uint32_t line = body_.facts().start_line;
    result_.issues.push_back({line, body_.abandon()});
  } else if (opaque_depth_ > 0) {
    result_.issues.push_back({opaque_line_, "block opened here is not closed at end of file (unbalanced braces); "
                                            "the rest of the file was not searched for functions"});
  }
  return std::move(result_);
}

}  // namespace oxidize::parse
