;; Dense layers, four outputs at a time with WebAssembly SIMD (f32x4): the forward pass with its
;; activation, and the two matrix products of the backward pass.
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
        (br $rows)))))

