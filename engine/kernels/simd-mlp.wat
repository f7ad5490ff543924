;; Dense layers, four outputs at a time with WebAssembly SIMD (f32x4): the forward pass with its
;; activation, the two matrix products of the backward pass, the activation's derivative and the
;; optimizer's update, so a small network can train without leaving WebAssembly.
;;
;; Used where JavaScript loops are too slow for a frame: the decision boundary predicts a 100 × 100
;; grid every frame (about 3 million multiply-adds for a 16-16 network), and the initialisation
;; explorer runs a 50-layer network forward and backward (about 40 million). In plain JavaScript a
;; multiply-add costs ~2–3 ns on a laptop core; here it is a quarter of a vector instruction.
;;
;; Compiled by `npm run build:wasm` (wabt) into simd-mlp.wasm.ts; simd-mlp.test.ts checks that the
;; committed bytes are this file's and that the results equal the JavaScript kernel's.
;;
;; Memory layout (byte addresses, all 16-byte aligned, set up by simd-mlp.ts):
;;   w, gw  nin rows × nout4 floats  (row k: the weights from input k; padding columns are 0)
;;   b, gb  nout4 floats
;;   a      n rows × lda floats      (the layer's input; only the first nin of each row are read)
;;   out, d n rows × nout4 floats    (the layer's output and the gradient with respect to it)
;; nout4 is the output width rounded up to a multiple of 4.
;;
;; Two kinds of activation: the pictures use a rational tanh good to 1e-4 (`dense` codes 2, 3: fast,
;; and no viewer sees 1e-4); training uses exp-based tanh and sigmoid good to float precision
;; (`act_exact`), so a network trained here follows the JavaScript kernel's trajectory, not a
;; nearby one.
(module
  (memory (export "memory") 1)

  ;; tanh to within 1e-4 on four lanes: the input is clamped to ±4.97, then a Lambert continued
  ;; fraction (the same approximation as tanhApprox in dense-mlp.ts).
  (func $tanh4 (param $x v128) (result v128)
    (local $x2 v128)
    (local.set $x
      (f32x4.min
        (f32x4.max (local.get $x) (f32x4.splat (f32.const -4.97)))
        (f32x4.splat (f32.const 4.97))))
    (local.set $x2 (f32x4.mul (local.get $x) (local.get $x)))
    (f32x4.div
      (f32x4.mul
        (local.get $x)
        (f32x4.add
          (f32x4.splat (f32.const 135135))
          (f32x4.mul
            (local.get $x2)
            (f32x4.add
              (f32x4.splat (f32.const 17325))
              (f32x4.mul
                (local.get $x2)
                (f32x4.add (f32x4.splat (f32.const 378)) (local.get $x2)))))))
      (f32x4.add
        (f32x4.splat (f32.const 135135))
        (f32x4.mul
          (local.get $x2)
          (f32x4.add
            (f32x4.splat (f32.const 62370))
            (f32x4.mul
              (local.get $x2)
              (f32x4.add
                (f32x4.splat (f32.const 3150))
                (f32x4.mul (f32x4.splat (f32.const 28)) (local.get $x2)))))))))

  ;; act: 0 linear, 1 relu, 2 tanh, 3 sigmoid (as ½ + ½·tanh(z/2), so also within 1e-4).
  (func $activate (param $z v128) (param $act i32) (result v128)
    (if (i32.eq (local.get $act) (i32.const 1))
      (then (return (f32x4.max (local.get $z) (f32x4.splat (f32.const 0))))))
    (if (i32.eq (local.get $act) (i32.const 2))
      (then (return (call $tanh4 (local.get $z)))))
    (if (i32.eq (local.get $act) (i32.const 3))
      (then
        (return
          (f32x4.add
            (f32x4.splat (f32.const 0.5))
            (f32x4.mul
              (f32x4.splat (f32.const 0.5))
              (call $tanh4 (f32x4.mul (local.get $z) (f32x4.splat (f32.const 0.5)))))))))
    (local.get $z))

  ;; out[i, j] = act(b[j] + Σ_k a[i, k] · w[k, j]) for i < n, j < nout4.
  ;; Outputs go eight at a time (two accumulators share each broadcast input), then four at a time.
  (func (export "dense")
    (param $a i32) (param $lda i32) (param $w i32) (param $b i32) (param $out i32)
    (param $n i32) (param $nin i32) (param $nout4 i32) (param $act i32)
    (local $i i32) (local $j i32) (local $k i32) (local $ap i32) (local $op i32) (local $wp i32)
    (local $wstride i32) (local $arow i32) (local $x v128) (local $acc0 v128) (local $acc1 v128)
    (if (i32.or (i32.eqz (local.get $n)) (i32.or (i32.eqz (local.get $nin)) (i32.eqz (local.get $nout4))))
      (then (return)))
    (local.set $wstride (i32.shl (local.get $nout4) (i32.const 2)))
    (local.set $arow (i32.shl (local.get $lda) (i32.const 2)))
    (local.set $ap (local.get $a))
    (local.set $op (local.get $out))
    (loop $rows
      (local.set $j (i32.const 0))
      ;; blocks of eight outputs
      (block $done8
        (loop $cols8
          (br_if $done8 (i32.gt_u (i32.add (local.get $j) (i32.const 8)) (local.get $nout4)))
          (local.set $acc0 (v128.load (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2)))))
          (local.set $acc1 (v128.load offset=16 (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2)))))
          (local.set $wp (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 2))))
          (local.set $k (i32.const 0))
          (loop $inner8
            (local.set $x (f32x4.splat (f32.load (i32.add (local.get $ap) (i32.shl (local.get $k) (i32.const 2))))))
            (local.set $acc0 (f32x4.add (local.get $acc0) (f32x4.mul (local.get $x) (v128.load (local.get $wp)))))
            (local.set $acc1 (f32x4.add (local.get $acc1) (f32x4.mul (local.get $x) (v128.load offset=16 (local.get $wp)))))
            (local.set $wp (i32.add (local.get $wp) (local.get $wstride)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br_if $inner8 (i32.lt_u (local.get $k) (local.get $nin))))
          (v128.store
            (i32.add (local.get $op) (i32.shl (local.get $j) (i32.const 2)))
            (call $activate (local.get $acc0) (local.get $act)))
          (v128.store offset=16
            (i32.add (local.get $op) (i32.shl (local.get $j) (i32.const 2)))
            (call $activate (local.get $acc1) (local.get $act)))
          (local.set $j (i32.add (local.get $j) (i32.const 8)))
          (br $cols8)))
      ;; a last block of four
      (if (i32.lt_u (local.get $j) (local.get $nout4))
        (then
          (local.set $acc0 (v128.load (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2)))))
          (local.set $wp (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 2))))
          (local.set $k (i32.const 0))
          (loop $inner4
            (local.set $acc0
              (f32x4.add
                (local.get $acc0)
                (f32x4.mul
                  (f32x4.splat (f32.load (i32.add (local.get $ap) (i32.shl (local.get $k) (i32.const 2)))))
                  (v128.load (local.get $wp)))))
            (local.set $wp (i32.add (local.get $wp) (local.get $wstride)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br_if $inner4 (i32.lt_u (local.get $k) (local.get $nin))))
          (v128.store
            (i32.add (local.get $op) (i32.shl (local.get $j) (i32.const 2)))
            (call $activate (local.get $acc0) (local.get $act)))))
      (local.set $ap (i32.add (local.get $ap) (local.get $arow)))
      (local.set $op (i32.add (local.get $op) (local.get $wstride)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $i) (local.get $n)))))

  ;; Backward pass, parameter gradients of one layer over n rows (d has row stride nout4):
  ;;   gw[k, j] = Σ_i a[i, k] · d[i, j]  (nin rows × nout4),   gb[j] = Σ_i d[i, j].
  ;; Rows of a whose entry is 0 (ReLU's dead units) are skipped.
  (func (export "param_grads")
    (param $a i32) (param $lda i32) (param $d i32) (param $gw i32) (param $gb i32)
    (param $n i32) (param $nin i32) (param $nout4 i32)
    (local $i i32) (local $k i32) (local $j i32) (local $ap i32) (local $dp i32) (local $gp i32)
    (local $rowbytes i32) (local $end i32) (local $x f32) (local $sx v128)
    (local.set $rowbytes (i32.shl (local.get $nout4) (i32.const 2)))
    ;; zero gw and gb
    (local.set $gp (local.get $gw))
    (local.set $end (i32.add (local.get $gw) (i32.mul (local.get $nin) (local.get $rowbytes))))
    (block $zdone
      (loop $zero
        (br_if $zdone (i32.ge_u (local.get $gp) (local.get $end)))
        (v128.store (local.get $gp) (v128.const i32x4 0 0 0 0))
        (local.set $gp (i32.add (local.get $gp) (i32.const 16)))
        (br $zero)))
    (local.set $j (i32.const 0))
    (block $bdone
      (loop $bzero
        (br_if $bdone (i32.ge_u (local.get $j) (local.get $nout4)))
        (v128.store (i32.add (local.get $gb) (i32.shl (local.get $j) (i32.const 2))) (v128.const i32x4 0 0 0 0))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $bzero)))
    (local.set $i (i32.const 0))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $ap (i32.add (local.get $a) (i32.shl (i32.mul (local.get $i) (local.get $lda)) (i32.const 2))))
        (local.set $dp (i32.add (local.get $d) (i32.mul (local.get $i) (local.get $rowbytes))))
        ;; gb += d[i, :]
        (local.set $j (i32.const 0))
        (block $gb_done
          (loop $gb_loop
            (br_if $gb_done (i32.ge_u (local.get $j) (local.get $nout4)))
            (v128.store
              (i32.add (local.get $gb) (i32.shl (local.get $j) (i32.const 2)))
              (f32x4.add
                (v128.load (i32.add (local.get $gb) (i32.shl (local.get $j) (i32.const 2))))
                (v128.load (i32.add (local.get $dp) (i32.shl (local.get $j) (i32.const 2))))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $gb_loop)))
        ;; gw[k, :] += a[i, k] · d[i, :]
        (local.set $k (i32.const 0))
        (block $k_done
          (loop $k_loop
            (br_if $k_done (i32.ge_u (local.get $k) (local.get $nin)))
            (local.set $x (f32.load (i32.add (local.get $ap) (i32.shl (local.get $k) (i32.const 2)))))
            (if (f32.ne (local.get $x) (f32.const 0))
              (then
                (local.set $sx (f32x4.splat (local.get $x)))
                (local.set $gp (i32.add (local.get $gw) (i32.mul (local.get $k) (local.get $rowbytes))))
                (local.set $j (i32.const 0))
                (block $j_done
                  (loop $j_loop
                    (br_if $j_done (i32.ge_u (local.get $j) (local.get $rowbytes)))
                    (v128.store
                      (i32.add (local.get $gp) (local.get $j))
                      (f32x4.add
                        (v128.load (i32.add (local.get $gp) (local.get $j)))
                        (f32x4.mul (local.get $sx) (v128.load (i32.add (local.get $dp) (local.get $j))))))
                    (local.set $j (i32.add (local.get $j) (i32.const 16)))
                    (br $j_loop)))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $k_loop)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; Backward pass, the gradient flowing into a layer's input (before its activation derivative):
  ;;   dprev[i, k] = Σ_j d[i, j] · w[k, j]   for k < nin; dprev has row stride ldp floats and its
  ;; padding columns are left as they are (zero).
  (func (export "input_grads")
    (param $d i32) (param $w i32) (param $dprev i32) (param $ldp i32)
    (param $n i32) (param $nin i32) (param $nout4 i32)
    (local $i i32) (local $k i32) (local $j i32) (local $dp i32) (local $wp i32) (local $op i32)
    (local $rowbytes i32) (local $acc v128)
    (local.set $rowbytes (i32.shl (local.get $nout4) (i32.const 2)))
    (local.set $i (i32.const 0))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $dp (i32.add (local.get $d) (i32.mul (local.get $i) (local.get $rowbytes))))
        (local.set $op (i32.add (local.get $dprev) (i32.shl (i32.mul (local.get $i) (local.get $ldp)) (i32.const 2))))
        (local.set $k (i32.const 0))
        (block $k_done
          (loop $k_loop
            (br_if $k_done (i32.ge_u (local.get $k) (local.get $nin)))
            (local.set $wp (i32.add (local.get $w) (i32.mul (local.get $k) (local.get $rowbytes))))
            (local.set $acc (v128.const i32x4 0 0 0 0))
            (local.set $j (i32.const 0))
            (block $j_done
              (loop $j_loop
                (br_if $j_done (i32.ge_u (local.get $j) (local.get $rowbytes)))
                (local.set $acc
                  (f32x4.add
                    (local.get $acc)
                    (f32x4.mul
                      (v128.load (i32.add (local.get $dp) (local.get $j)))
                      (v128.load (i32.add (local.get $wp) (local.get $j))))))
                (local.set $j (i32.add (local.get $j) (i32.const 16)))
                (br $j_loop)))
            (f32.store
              (i32.add (local.get $op) (i32.shl (local.get $k) (i32.const 2)))
              (f32.add
                (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
                (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $k_loop)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; Backward through a hidden activation, in place: d[i] ← d[i] · f′(z), with f′ written through
  ;; the layer's output a = f(z) (what the forward pass left in memory). count is a multiple of 4.
  ;; act: 1 relu, 2 and 4 tanh, 3 and 5 sigmoid (the picture and the training codes); 0 (linear)
  ;; leaves d as it is.
  (func (export "act_grad") (param $d i32) (param $a i32) (param $count i32) (param $act i32)
    (local $end i32) (local $x v128) (local $g v128)
    (if (i32.eqz (local.get $act)) (then (return)))
    (local.set $end (i32.add (local.get $d) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $d) (local.get $end)))
        (local.set $x (v128.load (local.get $a)))
        (local.set $g (v128.load (local.get $d)))
        (if (i32.eq (local.get $act) (i32.const 1))
          (then (local.set $g (v128.and (local.get $g) (f32x4.gt (local.get $x) (f32x4.splat (f32.const 0)))))))
        (if (i32.or (i32.eq (local.get $act) (i32.const 2)) (i32.eq (local.get $act) (i32.const 4)))
          (then
            (local.set $g
              (f32x4.mul
                (local.get $g)
                (f32x4.sub (f32x4.splat (f32.const 1)) (f32x4.mul (local.get $x) (local.get $x)))))))
        (if (i32.or (i32.eq (local.get $act) (i32.const 3)) (i32.eq (local.get $act) (i32.const 5)))
          (then
            (local.set $g
              (f32x4.mul
                (local.get $g)
                (f32x4.mul (local.get $x) (f32x4.sub (f32x4.splat (f32.const 1)) (local.get $x)))))))
        (v128.store (local.get $d) (local.get $g))
        (local.set $d (i32.add (local.get $d) (i32.const 16)))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (br $next))))

  ;; One optimizer step over count parameters p (a multiple of 4) with gradients g and slots s1, s2
  ;; (same layout), the formulas of optim/optimizers.ts:
  ;;   rule 0 sgd       p ← p − lr·g
  ;;   rule 1 momentum  s1 ← c1·s1 + g;  p ← p − lr·s1
  ;;   rule 2 nesterov  s1 ← c1·s1 + g;  p ← p − lr·(g + c1·s1)
  ;;   rule 3 rmsprop   s2 ← c1·s2 + (1 − c1)·g²;  p ← p − lr·g/(√s2 + eps)
  ;;   rule 4 adam      s1 ← c1·s1 + (1 − c1)·g;  s2 ← c2·s2 + (1 − c2)·g²;
  ;;                    p ← p − lr·(s1/bc1)/(√(s2/bc2) + eps)
  ;; The weight penalty joins the gradient first: reg 1 (L1) adds rate·sign(p), reg 2 (L2) 2·rate·p.
  ;; Zero padding stays zero under every rule (its gradient and slots are zero).
  (func (export "update")
    (param $p i32) (param $g i32) (param $s1 i32) (param $s2 i32) (param $count i32) (param $rule i32)
    (param $lr f32) (param $c1 f32) (param $c2 f32) (param $eps f32) (param $bc1 f32) (param $bc2 f32)
    (param $reg i32) (param $rate f32)
    (local $i i32) (local $end i32) (local $w v128) (local $gv v128) (local $m v128) (local $v v128)
    (local $vlr v128) (local $vc1 v128) (local $vc2 v128) (local $veps v128) (local $vrate v128) (local $one v128)
    (local.set $vlr (f32x4.splat (local.get $lr)))
    (local.set $vc1 (f32x4.splat (local.get $c1)))
    (local.set $vc2 (f32x4.splat (local.get $c2)))
    (local.set $veps (f32x4.splat (local.get $eps)))
    (local.set $vrate (f32x4.splat (local.get $rate)))
    (local.set $one (f32x4.splat (f32.const 1)))
    (local.set $end (i32.shl (local.get $count) (i32.const 2)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $w (v128.load (i32.add (local.get $p) (local.get $i))))
        (local.set $gv (v128.load (i32.add (local.get $g) (local.get $i))))
        (if (i32.eq (local.get $reg) (i32.const 1))
          (then
            (local.set $gv
              (f32x4.add
                (local.get $gv)
                (f32x4.mul
                  (local.get $vrate)
                  (f32x4.sub
                    (v128.and (f32x4.gt (local.get $w) (f32x4.splat (f32.const 0))) (local.get $one))
                    (v128.and (f32x4.lt (local.get $w) (f32x4.splat (f32.const 0))) (local.get $one))))))))
        (if (i32.eq (local.get $reg) (i32.const 2))
          (then
            (local.set $gv
              (f32x4.add
                (local.get $gv)
                (f32x4.mul (f32x4.add (local.get $vrate) (local.get $vrate)) (local.get $w))))))
        (block $ruled
          (if (i32.eqz (local.get $rule))
            (then
              (local.set $w (f32x4.sub (local.get $w) (f32x4.mul (local.get $vlr) (local.get $gv))))
              (br $ruled)))
          (if (i32.le_u (local.get $rule) (i32.const 2))
            (then
              (local.set $m
                (f32x4.add
                  (f32x4.mul (local.get $vc1) (v128.load (i32.add (local.get $s1) (local.get $i))))
                  (local.get $gv)))
              (v128.store (i32.add (local.get $s1) (local.get $i)) (local.get $m))
              (if (i32.eq (local.get $rule) (i32.const 2))
                (then (local.set $m (f32x4.add (local.get $gv) (f32x4.mul (local.get $vc1) (local.get $m))))))
              (local.set $w (f32x4.sub (local.get $w) (f32x4.mul (local.get $vlr) (local.get $m))))
              (br $ruled)))
          (if (i32.eq (local.get $rule) (i32.const 3))
            (then
              (local.set $v
                (f32x4.add
                  (f32x4.mul (local.get $vc1) (v128.load (i32.add (local.get $s2) (local.get $i))))
                  (f32x4.mul
                    (f32x4.sub (local.get $one) (local.get $vc1))
                    (f32x4.mul (local.get $gv) (local.get $gv)))))
              (v128.store (i32.add (local.get $s2) (local.get $i)) (local.get $v))
              (local.set $w
                (f32x4.sub
                  (local.get $w)
                  (f32x4.div
                    (f32x4.mul (local.get $vlr) (local.get $gv))
                    (f32x4.add (f32x4.sqrt (local.get $v)) (local.get $veps)))))
              (br $ruled)))
          ;; adam
          (local.set $m
            (f32x4.add
              (f32x4.mul (local.get $vc1) (v128.load (i32.add (local.get $s1) (local.get $i))))
              (f32x4.mul (f32x4.sub (local.get $one) (local.get $vc1)) (local.get $gv))))
          (local.set $v
            (f32x4.add
              (f32x4.mul (local.get $vc2) (v128.load (i32.add (local.get $s2) (local.get $i))))
              (f32x4.mul
                (f32x4.sub (local.get $one) (local.get $vc2))
                (f32x4.mul (local.get $gv) (local.get $gv)))))
          (v128.store (i32.add (local.get $s1) (local.get $i)) (local.get $m))
          (v128.store (i32.add (local.get $s2) (local.get $i)) (local.get $v))
          (local.set $w
            (f32x4.sub
              (local.get $w)
              (f32x4.div
                (f32x4.mul (local.get $vlr) (f32x4.div (local.get $m) (f32x4.splat (local.get $bc1))))
                (f32x4.add
                  (f32x4.sqrt (f32x4.div (local.get $v) (f32x4.splat (local.get $bc2))))
                  (local.get $veps))))))
        (v128.store (i32.add (local.get $p) (local.get $i)) (local.get $w))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $next))))

  ;; Training's activations in place, over count floats (a multiple of 4): act 4 tanh, 5 sigmoid,
  ;; to float precision, through e^z as in Cephes' expf: z = n·ln2 + r with |r| ≤ ½ln2, a degree-6
  ;; polynomial for e^r, and 2^n built straight into the exponent bits (z is clamped to
  ;; [−87.3, 88.3], so 2^n stays a normal float). One loop with everything written out: a call per
  ;; four values would cost about as much as the arithmetic at these sizes.
  (func (export "act_exact") (param $p i32) (param $count i32) (param $act i32)
    (local $end i32) (local $x v128) (local $ax v128) (local $z v128) (local $n v128) (local $r v128)
    (local $e v128)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $x (v128.load (local.get $p)))
        ;; the argument of e^z: −2|x| for tanh, −x for sigmoid
        (local.set $ax (f32x4.abs (local.get $x)))
        (if (i32.eq (local.get $act) (i32.const 4))
          (then (local.set $z (f32x4.mul (local.get $ax) (f32x4.splat (f32.const -2)))))
          (else (local.set $z (f32x4.neg (local.get $x)))))
        ;; e^z; ln 2 in two parts (0.693359375 is exact in a float), so n·ln2 loses nothing
        (local.set $z
          (f32x4.min
            (f32x4.max (local.get $z) (f32x4.splat (f32.const -87.3)))
            (f32x4.splat (f32.const 88.3))))
        (local.set $n (f32x4.nearest (f32x4.mul (local.get $z) (f32x4.splat (f32.const 1.44269504088896341)))))
        (local.set $r
          (f32x4.sub
            (f32x4.sub (local.get $z) (f32x4.mul (local.get $n) (f32x4.splat (f32.const 0.693359375))))
            (f32x4.mul (local.get $n) (f32x4.splat (f32.const -2.12194440e-4)))))
        (local.set $e (f32x4.splat (f32.const 1.9875691500e-4)))
        (local.set $e (f32x4.add (f32x4.mul (local.get $e) (local.get $r)) (f32x4.splat (f32.const 1.3981999507e-3))))
        (local.set $e (f32x4.add (f32x4.mul (local.get $e) (local.get $r)) (f32x4.splat (f32.const 8.3334519073e-3))))
        (local.set $e (f32x4.add (f32x4.mul (local.get $e) (local.get $r)) (f32x4.splat (f32.const 4.1665795894e-2))))
        (local.set $e (f32x4.add (f32x4.mul (local.get $e) (local.get $r)) (f32x4.splat (f32.const 1.6666665459e-1))))
        (local.set $e (f32x4.add (f32x4.mul (local.get $e) (local.get $r)) (f32x4.splat (f32.const 5.0000001201e-1))))
        (local.set $e
          (f32x4.mul
            (f32x4.add
              (f32x4.add (f32x4.mul (local.get $e) (f32x4.mul (local.get $r) (local.get $r))) (local.get $r))
              (f32x4.splat (f32.const 1)))
            (i32x4.shl
              (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get $n)) (i32x4.splat (i32.const 127)))
              (i32.const 23))))
        (if (i32.eq (local.get $act) (i32.const 4))
          (then
            ;; tanh |x| = (1 − t)/(1 + t) with t = e^(−2|x|), the sign copied back from x. Near 0 the
            ;; subtraction keeps an absolute error of a float's resolution at 1 (6e-8), which is all
            ;; training needs.
            (v128.store
              (local.get $p)
              (v128.or
                (f32x4.div
                  (f32x4.sub (f32x4.splat (f32.const 1)) (local.get $e))
                  (f32x4.add (f32x4.splat (f32.const 1)) (local.get $e)))
                (v128.and (local.get $x) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000)))))
          (else
            (v128.store
              (local.get $p)
              (f32x4.div (f32x4.splat (f32.const 1)) (f32x4.add (f32x4.splat (f32.const 1)) (local.get $e))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next))))

  ;; wt[j, k] = w[k, j] for k < nin, j < nout: a layer's weights transposed (wt has row stride
  ;; nin4 floats; its padding stays zero), so the backward product δ·Wᵀ becomes a forward-style
  ;; product with `dense` (vectors along the input units, no horizontal sums).
  (func (export "transpose") (param $w i32) (param $nin i32) (param $nout i32) (param $nout4 i32) (param $wt i32) (param $nin4 i32)
    (local $k i32) (local $j i32) (local $src i32)
    (block $kdone
      (loop $krow
        (br_if $kdone (i32.ge_u (local.get $k) (local.get $nin)))
        (local.set $src (i32.add (local.get $w) (i32.shl (i32.mul (local.get $k) (local.get $nout4)) (i32.const 2))))
        (local.set $j (i32.const 0))
        (block $jdone
          (loop $jcol
            (br_if $jdone (i32.ge_u (local.get $j) (local.get $nout)))
            (f32.store
              (i32.add (local.get $wt) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $nin4)) (local.get $k)) (i32.const 2)))
              (f32.load (i32.add (local.get $src) (i32.shl (local.get $j) (i32.const 2)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $jcol)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $krow))))

  ;; Parameter gradients for a small batch, summed in registers over the rows (no zeroing pass,
  ;; one store per four outputs): gw[k, j] = Σ_i a[i, k] · d[i, j], gb[j] = Σ_i d[i, j]. n ≥ 1.
  (func (export "param_grads_rows")
    (param $a i32) (param $lda i32) (param $d i32) (param $gw i32) (param $gb i32)
    (param $n i32) (param $nin i32) (param $nout4 i32)
    (local $jb i32) (local $k i32) (local $i i32) (local $ap i32) (local $dp i32)
    (local $rowbytes i32) (local $arow i32) (local $acc v128) (local $acc1 v128)
    (local.set $rowbytes (i32.shl (local.get $nout4) (i32.const 2)))
    (local.set $arow (i32.shl (local.get $lda) (i32.const 2)))
    (loop $jblock
      ;; gb
      (local.set $acc (v128.const i32x4 0 0 0 0))
      (local.set $dp (i32.add (local.get $d) (local.get $jb)))
      (local.set $i (i32.const 0))
      (loop $brows
        (local.set $acc (f32x4.add (local.get $acc) (v128.load (local.get $dp))))
        (local.set $dp (i32.add (local.get $dp) (local.get $rowbytes)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $brows (i32.lt_u (local.get $i) (local.get $n))))
      (v128.store (i32.add (local.get $gb) (local.get $jb)) (local.get $acc))
      ;; gw, two input units at a time where there are two (they share each load of d)
      (local.set $k (i32.const 0))
      (block $kdone
        (loop $kpair
          (br_if $kdone (i32.ge_u (i32.add (local.get $k) (i32.const 1)) (local.get $nin)))
          (local.set $acc (v128.const i32x4 0 0 0 0))
          (local.set $acc1 (v128.const i32x4 0 0 0 0))
          (local.set $ap (i32.add (local.get $a) (i32.shl (local.get $k) (i32.const 2))))
          (local.set $dp (i32.add (local.get $d) (local.get $jb)))
          (local.set $i (i32.const 0))
          (loop $rows2
            (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (f32x4.splat (f32.load (local.get $ap))) (v128.load (local.get $dp)))))
            (local.set $acc1 (f32x4.add (local.get $acc1) (f32x4.mul (f32x4.splat (f32.load offset=4 (local.get $ap))) (v128.load (local.get $dp)))))
            (local.set $ap (i32.add (local.get $ap) (local.get $arow)))
            (local.set $dp (i32.add (local.get $dp) (local.get $rowbytes)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $rows2 (i32.lt_u (local.get $i) (local.get $n))))
          (v128.store
            (i32.add (i32.add (local.get $gw) (i32.mul (local.get $k) (local.get $rowbytes))) (local.get $jb))
            (local.get $acc))
          (v128.store
            (i32.add (i32.add (local.get $gw) (i32.mul (i32.add (local.get $k) (i32.const 1)) (local.get $rowbytes))) (local.get $jb))
            (local.get $acc1))
          (local.set $k (i32.add (local.get $k) (i32.const 2)))
          (br $kpair)))
      (if (i32.lt_u (local.get $k) (local.get $nin))
        (then
          (local.set $acc (v128.const i32x4 0 0 0 0))
          (local.set $ap (i32.add (local.get $a) (i32.shl (local.get $k) (i32.const 2))))
          (local.set $dp (i32.add (local.get $d) (local.get $jb)))
          (local.set $i (i32.const 0))
          (loop $rows1
            (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (f32x4.splat (f32.load (local.get $ap))) (v128.load (local.get $dp)))))
            (local.set $ap (i32.add (local.get $ap) (local.get $arow)))
            (local.set $dp (i32.add (local.get $dp) (local.get $rowbytes)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $rows1 (i32.lt_u (local.get $i) (local.get $n))))
          (v128.store
            (i32.add (i32.add (local.get $gw) (i32.mul (local.get $k) (local.get $rowbytes))) (local.get $jb))
            (local.get $acc))))
      (local.set $jb (i32.add (local.get $jb) (i32.const 16)))
      (br_if $jblock (i32.lt_u (local.get $jb) (local.get $rowbytes))))))
