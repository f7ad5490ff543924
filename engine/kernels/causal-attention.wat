;; Causal multi-head attention, forward and backward, with WebAssembly SIMD (f32x4) over each head's
;; dk columns: the GPT's attention core without a single tf.js op (see causal-attention.ts, which
;; explains why, holds the JavaScript fallback and copies the operands in and out).
;;
;; Compiled by `npm run build:wasm` (wabt) into causal-attention.wasm.ts; causal-attention.test.ts
;; checks that the committed bytes are this file's and that the results equal tf.js autodiff's.
;;
;; Memory layout (byte addresses, set up by causal-attention.ts; dk is a multiple of 4):
;;   qkv, grad  B·T rows × 3d floats: [q | k | v], head h in columns h·dk … (h+1)·dk of each part
;;   out, dout  B·T rows × d floats: the heads' outputs side by side, and their gradient
;;   probs      B·H·T·T floats: softmax row i of sequence b, head h (only j ≤ i is written or read)
;;   ds         T floats of scratch
;; The accumulators `out` and `grad` must be zero on entry.
(module
  (import "js" "exp" (func $exp (param f64) (result f64)))
  (memory (export "memory") 1)

  ;; Σ a[c]·b[c] over n floats (n a multiple of 4).
  (func $dot (param $a i32) (param $b i32) (param $n i32) (result f32)
    (local $acc v128)
    (local $end i32)
    (local.set $end (i32.add (local.get $a) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $acc
          (f32x4.add (local.get $acc) (f32x4.mul (v128.load (local.get $a)) (v128.load (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (br $next)))
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
      (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))

  ;; y[c] += s·x[c] over n floats (n a multiple of 4).
  (func $axpy (param $y i32) (param $x i32) (param $s f32) (param $n i32)
    (local $sv v128)
    (local $end i32)
    (local.set $sv (f32x4.splat (local.get $s)))
    (local.set $end (i32.add (local.get $y) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $y) (local.get $end)))
        (v128.store (local.get $y)
          (f32x4.add (v128.load (local.get $y)) (f32x4.mul (local.get $sv) (v128.load (local.get $x)))))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (br $next))))

  ;; out = softmax(mask(Q Kᵀ · scale)) V for every sequence b and head h; probs keeps the softmax.
  (func (export "forward")
    (param $qkv i32) (param $out i32) (param $probs i32)
    (param $B i32) (param $T i32) (param $H i32) (param $dk i32) (param $scale f32)
    (local $row i32) (local $orow i32) (local $dkb i32) (local $db i32)
    (local $b i32) (local $h i32) (local $i i32) (local $j i32)
    (local $q0 i32) (local $k0 i32) (local $v0 i32) (local $p0 i32) (local $o0 i32)
    (local $qi i32) (local $p i32) (local $oi i32)
    (local $s f32) (local $max f32) (local $sum f32) (local $inv f32)
    (local.set $dkb (i32.shl (local.get $dk) (i32.const 2)))
    (local.set $db (i32.mul (local.get $dkb) (local.get $H)))
    (local.set $row (i32.mul (local.get $db) (i32.const 3)))
    (local.set $orow (local.get $db))
    (local.set $b (i32.const 0))
    (loop $seq
      (local.set $h (i32.const 0))
      (loop $head
        ;; Row 0 of this sequence's q, k and v of head h; its probability block; its output columns.
        (local.set $q0
          (i32.add (local.get $qkv)
            (i32.add (i32.mul (i32.mul (local.get $b) (local.get $T)) (local.get $row))
                     (i32.mul (local.get $h) (local.get $dkb)))))
        (local.set $k0 (i32.add (local.get $q0) (local.get $db)))
        (local.set $v0 (i32.add (local.get $k0) (local.get $db)))
        (local.set $p0
          (i32.add (local.get $probs)
            (i32.shl
              (i32.mul (i32.add (i32.mul (local.get $b) (local.get $H)) (local.get $h))
                       (i32.mul (local.get $T) (local.get $T)))
              (i32.const 2))))
        (local.set $o0
          (i32.add (local.get $out)
            (i32.add (i32.mul (i32.mul (local.get $b) (local.get $T)) (local.get $orow))
                     (i32.mul (local.get $h) (local.get $dkb)))))
        (local.set $i (i32.const 0))
        (loop $query
          (local.set $qi (i32.add (local.get $q0) (i32.mul (local.get $i) (local.get $row))))
          (local.set $p (i32.add (local.get $p0) (i32.shl (i32.mul (local.get $i) (local.get $T)) (i32.const 2))))
          ;; Scores of keys 0 … i, and their maximum.
          (local.set $max (f32.const -inf))
          (local.set $j (i32.const 0))
          (loop $key
            (local.set $s
              (f32.mul (local.get $scale)
                (call $dot (local.get $qi)
                  (i32.add (local.get $k0) (i32.mul (local.get $j) (local.get $row)))
                  (local.get $dk))))
            (f32.store (i32.add (local.get $p) (i32.shl (local.get $j) (i32.const 2))) (local.get $s))
            (local.set $max (f32.max (local.get $max) (local.get $s)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br_if $key (i32.le_u (local.get $j) (local.get $i))))
          ;; exp(s − max) and their sum.
          (local.set $sum (f32.const 0))
          (local.set $j (i32.const 0))
          (loop $e
            (local.set $s
              (f32.demote_f64
                (call $exp
                  (f64.promote_f32
                    (f32.sub
                      (f32.load (i32.add (local.get $p) (i32.shl (local.get $j) (i32.const 2))))
                      (local.get $max))))))
            (f32.store (i32.add (local.get $p) (i32.shl (local.get $j) (i32.const 2))) (local.get $s))
            (local.set $sum (f32.add (local.get $sum) (local.get $s)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br_if $e (i32.le_u (local.get $j) (local.get $i))))
          ;; Normalise, and mix the values: out_i += P_ij · v_j.
          (local.set $inv (f32.div (f32.const 1) (local.get $sum)))
          (local.set $oi (i32.add (local.get $o0) (i32.mul (local.get $i) (local.get $orow))))
          (local.set $j (i32.const 0))
          (loop $mix
            (local.set $s
              (f32.mul (local.get $inv)
                (f32.load (i32.add (local.get $p) (i32.shl (local.get $j) (i32.const 2))))))
            (f32.store (i32.add (local.get $p) (i32.shl (local.get $j) (i32.const 2))) (local.get $s))
            (call $axpy (local.get $oi)
              (i32.add (local.get $v0) (i32.mul (local.get $j) (local.get $row)))
              (local.get $s) (local.get $dk))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br_if $mix (i32.le_u (local.get $j) (local.get $i))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $query (i32.lt_u (local.get $i) (local.get $T))))
        (local.set $h (i32.add (local.get $h) (i32.const 1)))
        (br_if $head (i32.lt_u (local.get $h) (local.get $H))))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br_if $seq (i32.lt_u (local.get $b) (local.get $B)))))

  ;; grad (laid out like qkv) += ∂L/∂[q | k | v] given dout = ∂L/∂out, from the forward's probs and
  ;; out: dV_j += P_ij dO_i; dS_ij = P_ij (dO_i·v_j − dO_i·O_i) · scale; dQ_i += dS_ij k_j; dK_j += dS_ij q_i.
  (func (export "backward")
    (param $qkv i32) (param $probs i32) (param $out i32) (param $dout i32) (param $grad i32) (param $ds i32)
    (param $B i32) (param $T i32) (param $H i32) (param $dk i32) (param $scale f32)
    (local $row i32) (local $orow i32) (local $dkb i32) (local $db i32)
    (local $b i32) (local $h i32) (local $i i32) (local $j i32)
    (local $q0 i32) (local $p0 i32) (local $o0 i32) (local $g0 i32)
    (local $qi i32) (local $p i32) (local $oi i32) (local $doi i32) (local $kj i32)
    (local $w f32) (local $D f32) (local $s f32)
    (local.set $dkb (i32.shl (local.get $dk) (i32.const 2)))
    (local.set $db (i32.mul (local.get $dkb) (local.get $H)))
    (local.set $row (i32.mul (local.get $db) (i32.const 3)))
    (local.set $orow (local.get $db))
    (local.set $b (i32.const 0))
    (loop $seq
      (local.set $h (i32.const 0))
      (loop $head
        ;; Offsets of row 0 of this sequence and head within qkv/grad, and within out/dout.
        (local.set $q0
          (i32.add (i32.mul (i32.mul (local.get $b) (local.get $T)) (local.get $row))
                   (i32.mul (local.get $h) (local.get $dkb))))
        (local.set $o0
          (i32.add (i32.mul (i32.mul (local.get $b) (local.get $T)) (local.get $orow))
                   (i32.mul (local.get $h) (local.get $dkb))))
        (local.set $p0
          (i32.add (local.get $probs)
            (i32.shl
              (i32.mul (i32.add (i32.mul (local.get $b) (local.get $H)) (local.get $h))
                       (i32.mul (local.get $T) (local.get $T)))
              (i32.const 2))))
        (local.set $i (i32.const 0))
        (loop $query
          (local.set $qi (i32.add (local.get $q0) (i32.mul (local.get $i) (local.get $row))))
          (local.set $oi (i32.add (local.get $o0) (i32.mul (local.get $i) (local.get $orow))))
          (local.set $doi (i32.add (local.get $dout) (local.get $oi)))
          (local.set $p (i32.add (local.get $p0) (i32.shl (i32.mul (local.get $i) (local.get $T)) (i32.const 2))))
          (local.set $D (call $dot (local.get $doi) (i32.add (local.get $out) (local.get $oi)) (local.get $dk)))
          ;; dV_j and dS_ij for keys 0 … i.
          (local.set $j (i32.const 0))
          (loop $key
            (local.set $kj (i32.add (local.get $q0) (i32.mul (local.get $j) (local.get $row))))
            (local.set $w (f32.load (i32.add (local.get $p) (i32.shl (local.get $j) (i32.const 2)))))
            (local.set $s
              (call $dot (local.get $doi)
                (i32.add (local.get $qkv) (i32.add (local.get $kj) (i32.shl (local.get $db) (i32.const 1))))
                (local.get $dk)))
            (call $axpy
              (i32.add (local.get $grad) (i32.add (local.get $kj) (i32.shl (local.get $db) (i32.const 1))))
              (local.get $doi) (local.get $w) (local.get $dk))
            (f32.store (i32.add (local.get $ds) (i32.shl (local.get $j) (i32.const 2)))
              (f32.mul (f32.mul (local.get $w) (f32.sub (local.get $s) (local.get $D))) (local.get $scale)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br_if $key (i32.le_u (local.get $j) (local.get $i))))
          ;; dQ_i and dK_j.
          (local.set $j (i32.const 0))
          (loop $back
            (local.set $kj (i32.add (local.get $q0) (i32.mul (local.get $j) (local.get $row))))
            (local.set $s (f32.load (i32.add (local.get $ds) (i32.shl (local.get $j) (i32.const 2)))))
            (call $axpy
              (i32.add (local.get $grad) (local.get $qi))
              (i32.add (local.get $qkv) (i32.add (local.get $kj) (local.get $db)))
              (local.get $s) (local.get $dk))
            (call $axpy
              (i32.add (local.get $grad) (i32.add (local.get $kj) (local.get $db)))
              (i32.add (local.get $qkv) (local.get $qi))
              (local.get $s) (local.get $dk))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br_if $back (i32.le_u (local.get $j) (local.get $i))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $query (i32.lt_u (local.get $i) (local.get $T))))
        (local.set $h (i32.add (local.get $h) (i32.const 1)))
        (br_if $head (i32.lt_u (local.get $h) (local.get $H))))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br_if $seq (i32.lt_u (local.get $b) (local.get $B))))))
